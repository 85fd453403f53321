using BenchmarkDotNet.Attributes;

namespace Hive.Benchmarks.Platform;

/// <summary>
/// The fan-out cost of a tick on which no runner acts (the strategy reads an indicator and returns nothing): stream
/// delivery to each runner grain, window and indicators, the strategy call. With 1, 10 and 50 runners on one symbol,
/// the slope is the extra cost per runner when nothing is traded or persisted (DESIGN §8: ≤ 1 µs per runner, C#).
/// </summary>
[MemoryDiagnoser]
public class QuietTickBenchmarks
{
    private PlatformBench _bench = null!;

    [Params(1, 10, 50)]
    public int Runners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = PlatformBench.StartAsync(QuietStrategy.Name, Runners).GetAwaiter().GetResult();
        for (var i = 0; i < 300; i++)
        {
            _bench.PublishAsync().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// platform check " + _bench.CheckAsync().GetAwaiter().GetResult());
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One tick, awaited until every runner handled it.</summary>
    [Benchmark]
    public Task QuietTick() => _bench.PublishAsync();
}
