using BenchmarkDotNet.Attributes;
using Hive.Lua;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Lua;

/// <summary>
/// Backtest replay throughput with a Lua strategy against the compiled one on the same data: 1, 2, 5 or 10 runners on
/// one symbol, the whole Backtester (window, indicators, state machine, risk, fills, equity, report). Times are per bar
/// of data (OperationsPerInvoke = bars), so with N runners a bar costs N runner updates. Targets (issue 17): warm
/// replay ≥ 2 M bars/s per core with Lua (≤ 500 ns per bar and runner), cost linear in runners.
/// </summary>
[MemoryDiagnoser]
public class LuaBacktestBenchmarks
{
    private const int Bars = 1_000_000;

    private Dictionary<string, IReadOnlyList<Candle>> _data = null!;
    private StrategyCatalog _catalog = null!;
    private string _script = null!;

    [Params(1, 2, 5, 10)]
    public int Runners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new Dictionary<string, IReadOnlyList<Candle>> { [LuaBenchmarkData.Symbol] = LuaBenchmarkData.Candles(Bars) };
        _catalog = StrategyCatalog.CreateWithBuiltIns();
        LuaStrategyResolver.Register(_catalog);
        _script = LuaBenchmarkData.Script("ema_crossover.lua");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Bars, Description = "compiled ema-cross, per bar")]
    public int Compiled() => Run("ema-cross");

    [Benchmark(OperationsPerInvoke = Bars, Description = "lua ema_crossover.lua, per bar")]
    public int Lua() => Run(_script);

    private int Run(string strategy)
    {
        var configs = Enumerable.Range(0, Runners).Select(r => new RunnerConfig
        {
            RunnerId = "bench" + r,
            Symbol = LuaBenchmarkData.Symbol,
            Strategy = strategy,
            Parameters = StrategyParameters.Parse("fast=12,slow=26,quantity=1"),
        }).ToList();
        var report = new Backtester(_catalog).Run(_data, configs);
        return report.Runners[0].Trades.Count;
    }
}
