using BenchmarkDotNet.Running;

// `streams` runs the stream delivery harness (see Streams/RESULTS.md); anything else goes to BenchmarkDotNet.
if (args is ["streams", .. var rest])
{
    return await Hive.Benchmarks.Streams.StreamDeliveryHarness.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
