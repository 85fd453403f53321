using System.Globalization;
using BenchmarkDotNet.Attributes;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Runners;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Runners;
using Hive.Grains.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Benchmarks.Platform;

/// <summary>
/// Where a tick-to-trade goes, piece by piece: the trading core alone (strategy, risk, paper fill, booking), one
/// order through the gateway grain (fencing, idempotency, account risk, paper broker, two ledger appends), and the
/// runner's state write after a fill or transition (snapshot, JSON, storage).
/// </summary>
[MemoryDiagnoser]
public class TickToTradeBreakdownBenchmarks
{
    private const int Cycle = 3;
    private BenchSilo _silo = null!;
    private IGatewayGrain _gateway = null!;
    private DeploymentId _deployment;
    private RunnerCore _core = null!;
    private Candle[] _candles = null!;
    private MarketData _market;
    private FileGrainStorage _storage = null!;
    private string _directory = null!;
    private RunnerGrainState _state = null!;
    private readonly GrainId _grainId = GrainId.Create("runner", "core");
    private readonly GrainState<RunnerGrainState> _grainState = new();
    private long _orders;
    private int _tick;

    [GlobalSetup]
    public void Setup()
    {
        _silo = BenchSilo.StartAsync().GetAwaiter().GetResult();
        _gateway = _silo.Grains.GetGrain<IGatewayGrain>("paper");
        _deployment = _gateway.RegisterDeploymentAsync("direct", "bench").GetAwaiter().GetResult();

        _candles = RandomWalkMarketDataSource.GenerateCandles(PlatformBench.Symbol, 50_000, new RandomWalkOptions { Seed = 7, Bars = 50_000 });
        _market = MarketData.FromCandle(_candles[0]);
        var definition = new RunnerDefinition("core", PlatformBench.Symbol, AlternatingStrategy.Name, new Dictionary<string, string>(), Quantity: 1, InitialEquity: 1_000_000_000m);
        _core = new RunnerCore(definition.ToConfig(), new AlternatingStrategy(), recordEquityCurve: false);
        for (var i = 0; i < 300; i++)
        {
            _core.OnCandle(_candles[i]);
        }

        _directory = Directory.CreateTempSubdirectory("hive-bench-state-").FullName;
        _storage = new FileGrainStorage(_directory);
        _state = new RunnerGrainState { Definition = definition, Snapshot = PersistedRunnerSnapshot.From(_core.CreateSnapshot()), OrdersFilled = 10 };
        _grainState.State = _state;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The trading core alone, per tick: strategy, state machine, runner risk, paper fill, booking (2 orders per 3 ticks).</summary>
    [Benchmark(OperationsPerInvoke = Cycle)]
    public RunnerEvents CoreOnly()
    {
        var events = RunnerEvents.None;
        for (var i = 0; i < Cycle; i++)
        {
            var index = _tick++;
            var candle = _candles[index % _candles.Length];
            var shift = index / _candles.Length * _candles.Length * 60_000L;
            events |= _core.OnCandle(candle with { OpenTime = candle.OpenTime + shift, CloseTime = candle.CloseTime + shift });
        }

        return events;
    }

    /// <summary>One order through the gateway grain (local call): fencing, idempotency, account risk, paper broker, ledger.</summary>
    [Benchmark]
    public async Task<GatewayOrderResult> GatewayOrder()
    {
        var n = ++_orders;
        var order = new OrderRequest(string.Create(CultureInfo.InvariantCulture, $"direct-{n}"), "direct", PlatformBench.Symbol,
            (n & 1) == 1 ? OrderSide.Buy : OrderSide.Sell, 1m, OrderType.Market, null, (n & 1) == 0, _market.Timestamp, "strategy");
        return await _gateway.SubmitOrderAsync(_deployment, order, _market);
    }

    /// <summary>The runner's state write after a fill or transition: snapshot, JSON, atomic file replace (embedded default).</summary>
    [Benchmark]
    public async Task<string?> PersistState()
    {
        _state.Snapshot = PersistedRunnerSnapshot.From(_core.CreateSnapshot());
        await _storage.WriteStateAsync("runner", _grainId, _grainState);
        return _grainState.ETag;
    }
}
