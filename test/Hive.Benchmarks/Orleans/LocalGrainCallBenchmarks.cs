using BenchmarkDotNet.Attributes;

namespace Hive.Benchmarks.Orleans;

/// <summary>
/// Orleans' local call cost on this machine, the floor under every Hive grain hop: a grain calling another grain in the
/// same silo (awaited one after the other), and the silo's hosted grain factory calling a grain from outside any
/// activation (as a feed pump or a benchmark does).
/// </summary>
[MemoryDiagnoser]
public class LocalGrainCallBenchmarks
{
    private const int Calls = 1_000;
    private BenchSilo _silo = null!;
    private ICallerGrain _caller = null!;
    private IPingGrain _ping = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchSilo.StartAsync().GetAwaiter().GetResult();
        _caller = _silo.Grains.GetGrain<ICallerGrain>(1);
        _ping = _silo.Grains.GetGrain<IPingGrain>(1);
        _caller.CallMany(10).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One grain → grain call, measured over a run of 1,000 awaited calls inside the caller grain.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Task<long> GrainToGrain() => _caller.CallMany(Calls);

    /// <summary>One call from the silo's grain factory outside any grain (the hosted client path).</summary>
    [Benchmark]
    public ValueTask<int> HostToGrain() => _ping.Ping(1);
}
