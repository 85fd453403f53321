using BenchmarkDotNet.Running;

// `streams` runs the stream delivery harness (see Streams/RESULTS.md); `cluster-call` and `failover` the multi-process
// cluster harness (Cluster/RESULTS.md); anything else goes to BenchmarkDotNet.
if (args is ["streams", .. var rest])
{
    return await Hive.Benchmarks.Streams.StreamDeliveryHarness.RunAsync(rest);
}

if (args is [("cluster-call" or "failover") and var mode, .. var clusterArgs])
{
    return await Hive.Benchmarks.Cluster.ClusterHarness.RunAsync(mode, clusterArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
