using BenchmarkDotNet.Running;

// `streams` runs the stream delivery harness (see Streams/RESULTS.md), `api` the gRPC API harness (Api/RESULTS.md);
// `cluster-call`, `failover` and `sweep-server` the multi-process cluster harness (Cluster/RESULTS.md); `replay-cpu` and
// `sweep` the CPU-time harnesses of Backtesting/RESULTS.md; `dashboard-cpu` the dashboard's CPU cost (Dashboard/RESULTS.md);
// anything else goes to BenchmarkDotNet.
if (args is ["streams", .. var rest])
{
    return await Hive.Benchmarks.Streams.StreamDeliveryHarness.RunAsync(rest);
}

if (args is ["replay-cpu", .. var replay])
{
    return Hive.Benchmarks.Backtesting.ReplayCpuHarness.Replay(replay);
}

if (args is ["sweep", .. var sweep])
{
    return await Hive.Benchmarks.Backtesting.ReplayCpuHarness.SweepAsync(sweep);
}

if (args is ["api", .. var apiArgs])
{
    return await Hive.Benchmarks.Api.ApiHarness.RunAsync(apiArgs);
}

if (args is ["plain-silo", .. var plainArgs])
{
    return await Hive.Benchmarks.Cluster.PlainSilo.RunAsync(plainArgs);
}

if (args is [("cluster-call" or "failover" or "sweep-server") and var mode, .. var clusterArgs])
{
    return await Hive.Benchmarks.Cluster.ClusterHarness.RunAsync(mode, clusterArgs);
}

if (args is ["dashboard-cpu", .. var dashboardArgs])
{
    return await Hive.Benchmarks.Dashboard.DashboardCpuHarness.RunAsync(dashboardArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
