using BenchmarkDotNet.Attributes;
using Hive.Runtime.Placement;
using Hive.Runtime.Streams;
using Hive.Runtime.Testing;

namespace Hive.Benchmarks.Runtime;

/// <summary>One event published to N subscriber grains on the producer's silo, or on another silo (one batch per silo).</summary>
[MemoryDiagnoser]
public class StreamFanOutBenchmarks
{
    private TestCluster _cluster = null!;
    private IAsyncStream<long> _stream = null!;

    [Params(1, 10)]
    public int Subscribers { get; set; }

    [Params(false, true)]
    public bool Remote { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cluster = TestCluster.StartAsync().GetAwaiter().GetResult();
        var key = $"fan-{Subscribers}-{Remote}";
        PlacementHint.Set(_cluster.Silos[Remote ? 1 : 0].Address);
        for (var i = 0; i < Subscribers; i++)
        {
            _cluster.Silos[0].GrainFactory.GetGrain<IBenchSubscriberGrain>($"{key}-{i}").Subscribe(key).GetAwaiter().GetResult();
        }

        PlacementHint.Clear();
        _stream = _cluster.Silos[0].GetStreamProvider("default").GetStream<long>(new StreamId("bench", key));
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task PublishOneEvent() => _stream.OnNextAsync(42);
}
