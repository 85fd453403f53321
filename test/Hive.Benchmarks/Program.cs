using BenchmarkDotNet.Running;

// `streams` runs the stream delivery harness (see Streams/RESULTS.md), `api` the gRPC API harness (Api/RESULTS.md);
// anything else goes to BenchmarkDotNet.
if (args is ["streams", .. var rest])
{
    return await Hive.Benchmarks.Streams.StreamDeliveryHarness.RunAsync(rest);
}

if (args is ["api", .. var apiArgs])
{
    return await Hive.Benchmarks.Api.ApiHarness.RunAsync(apiArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
