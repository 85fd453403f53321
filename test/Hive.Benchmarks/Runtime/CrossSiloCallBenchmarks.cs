using BenchmarkDotNet.Attributes;
using Hive.Runtime.Placement;
using Hive.Runtime.Testing;

namespace Hive.Benchmarks.Runtime;

/// <summary>Cross-silo calls on the in-memory transport, which serializes every message (DESIGN §8 loopback target: p50 ≤ 150 µs).</summary>
[MemoryDiagnoser]
public class CrossSiloCallBenchmarks
{
    private TestCluster _cluster = null!;
    private IEchoGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = TestCluster.StartAsync().GetAwaiter().GetResult();
        PlacementHint.Set(_cluster.Silos[1].Address);
        _grain = _cluster.Silos[0].GrainFactory.GetGrain<IEchoGrain>("remote-echo");
        _grain.Echo(1).AsTask().GetAwaiter().GetResult();
        PlacementHint.Clear();
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public ValueTask<int> CrossSiloCall() => _grain.Echo(1);
}
