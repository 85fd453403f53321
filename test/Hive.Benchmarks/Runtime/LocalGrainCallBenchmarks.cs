using BenchmarkDotNet.Attributes;
using Hive.Runtime.Testing;

namespace Hive.Benchmarks.Runtime;

/// <summary>Local grain calls: caller and activation on the same silo (DESIGN §8: ≥ 1 M calls/s, p50 ≤ 2 µs).</summary>
[MemoryDiagnoser]
public class LocalGrainCallBenchmarks
{
    private const int Calls = 1000;
    private TestCluster _cluster = null!;
    private IEchoGrain _grain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new TestClusterOptions();
        options.Silos.Add(new TestSiloOptions("bench"));
        _cluster = TestCluster.StartAsync(options).GetAwaiter().GetResult();
        _grain = _cluster.GrainFactory.GetGrain<IEchoGrain>("echo");
        _grain.Echo(1).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One call, awaited: its median is the call latency.</summary>
    [Benchmark]
    public ValueTask<int> SingleCall_ValueTask() => _grain.Echo(1);

    /// <summary>Sequential calls; ops/s of this row is the single-caller throughput.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<int> SequentialCalls_ValueTask()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await _grain.Echo(i);
        }

        return sum;
    }

    /// <summary>Sequential calls of a Task-returning method (allocates the Task the interface asks for).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public async Task<int> SequentialCalls_Task()
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += await _grain.EchoTask(i);
        }

        return sum;
    }
}
