using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Benchmarks.Gateway;

/// <summary>
/// The gateway's share of tick-to-trade (DESIGN §8: the whole path p50 ≤ 10 µs): a local call to the gateway grain
/// that checks the lease, fencing, idempotency and account risk, fills at the paper broker and records the order and
/// the fill in a ledger that keeps nothing (the ledger's own cost is <see cref="FileLedgerBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class GatewayBenchmarks
{
    private const int Ids = 1 << 16;
    private readonly string[] _ids = new string[Ids];
    private readonly MarketData _market = new("BTCUSDT", 1_700_000_000_000, 100, 102, 98, 100, 10, 99, 101);
    private BenchSilo _silo = null!;
    private IGatewayGrain _gateway = null!;
    private DeploymentId _current;
    private DeploymentId _stale;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Ids; i++)
        {
            _ids[i] = "bench-" + i;
        }

        var broker = new PaperBroker(recentOrderCapacity: 1024);
        var options = new GatewayOptions { IdempotencyCapacity = 1024 };
        _silo = BenchSilo.StartAsync(new DiscardingLedger(), broker, options).GetAwaiter().GetResult();
        _gateway = _silo.Grains.GetGrain<IGatewayGrain>("bench");
        _stale = _gateway.RegisterDeploymentAsync("bench", "a1").GetAwaiter().GetResult();
        _current = _gateway.RegisterDeploymentAsync("bench", "a2").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>An order from the current deployment, filled (alternating buy and sell keeps the position flat).</summary>
    [Benchmark]
    public Task<GatewayOrderResult> SubmitOrder_Filled()
    {
        var i = _next++;
        var order = new OrderRequest(_ids[i & (Ids - 1)], "bench", "BTCUSDT", (i & 1) == 0 ? OrderSide.Buy : OrderSide.Sell,
            1m, OrderType.Market, null, false, _market.Timestamp, "strategy");
        return _gateway.SubmitOrderAsync(_current, order, _market);
    }

    /// <summary>An order from a stale deployment, fenced and recorded.</summary>
    [Benchmark]
    public Task<GatewayOrderResult> SubmitOrder_Fenced()
    {
        var order = new OrderRequest(_ids[_next++ & (Ids - 1)], "bench", "BTCUSDT", OrderSide.Buy,
            1m, OrderType.Market, null, false, _market.Timestamp, "strategy");
        return _gateway.SubmitOrderAsync(_stale, order, _market);
    }

    /// <summary>Assigns sequences and keeps nothing, so the benchmark measures the gateway, not a growing list.</summary>
    private sealed class DiscardingLedger : ILedger
    {
        private long _sequence;

        public ValueTask<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(entry with { Sequence = Interlocked.Increment(ref _sequence) });

        public async IAsyncEnumerable<LedgerEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
