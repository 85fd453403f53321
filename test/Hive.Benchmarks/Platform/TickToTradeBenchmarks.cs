using BenchmarkDotNet.Attributes;

namespace Hive.Benchmarks.Platform;

/// <summary>
/// Tick-to-trade in one silo (DESIGN §8): a candle on <c>market/SYMBOL</c> → each runner grain → its strategy →
/// runner risk → gateway (DeploymentID fencing, idempotency, account risk) → paper fill → booked, ledger, state
/// persisted. The strategy enters and exits on alternate bars, so two of every three ticks send an order per runner.
/// One operation is one tick for all runners; the latency percentiles per tick are printed at the end of each case.
/// Targets: compiled p50 ≤ 10 µs / p99 ≤ 25 µs; Lua p50 ≤ 25 µs / p99 ≤ 60 µs; extra cost per runner ≤ 1 µs (C#),
/// ≤ 5 µs (Lua).
/// </summary>
[MemoryDiagnoser]
public class TickToTradeBenchmarks
{
    private const int Cycle = 3;
    private PlatformBench _bench = null!;

    [Params("compiled", "lua")]
    public string Strategy { get; set; } = "compiled";

    [Params(1, 10, 50)]
    public int Runners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = PlatformBench.StartAsync(Strategy, Runners).GetAwaiter().GetResult();
        for (var i = 0; i < 300; i++)
        {
            _bench.PublishAsync().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine("// platform latency " + _bench.Report($"{Strategy}, {Runners} runner(s)"));
        Console.WriteLine("// platform check " + _bench.CheckAsync().GetAwaiter().GetResult());
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Three ticks: the opportunity (no order), the entry and the exit (an order each per runner).</summary>
    [Benchmark(OperationsPerInvoke = Cycle)]
    public async Task TickToTrade()
    {
        await _bench.PublishAsync();
        await _bench.PublishAsync();
        await _bench.PublishAsync();
    }
}
