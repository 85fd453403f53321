using BenchmarkDotNet.Attributes;
using Hive.Lua;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Lua;

/// <summary>
/// Backtest replay throughput with a Lua strategy against the compiled one on the same data: one runner, the whole
/// Backtester (window, indicators, state machine, risk, fills, equity curve, report). Times are per bar
/// (OperationsPerInvoke = bars). Targets: ≥ 300 k bars/s with Lua (≤ 3.33 µs per bar), ≥ 3 M bars/s compiled.
/// </summary>
[MemoryDiagnoser]
public class LuaBacktestBenchmarks
{
    private const int Bars = 100_000;

    private Dictionary<string, IReadOnlyList<Candle>> _data = null!;
    private StrategyCatalog _catalog = null!;
    private string _script = null!;

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
        var config = new RunnerConfig
        {
            RunnerId = "bench",
            Symbol = LuaBenchmarkData.Symbol,
            Strategy = strategy,
            Parameters = StrategyParameters.Parse("fast=12,slow=26,quantity=1"),
        };
        var report = new Backtester(_catalog).Run(_data, [config]);
        return report.Runners[0].Trades.Count;
    }
}
