using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Hive.Lua;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Lua;

/// <summary>
/// Memory per runner with its Lua VM (target ≤ 100 KB): creating a <see cref="RunnerCore"/> with a loaded
/// <c>ema_crossover.lua</c> and running it over 300 bars (so every indicator, context value and Lua table it uses
/// exists). "Allocated" (managed, per runner, including transient garbage) comes from the memory diagnoser; the
/// "Lua VM bytes" column is the native memory the VM holds afterwards, counted by its own allocator; "Retained
/// managed" is what a thousand such runners keep on the managed heap after a full collection, divided by a thousand.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class LuaMemoryBenchmarks
{
    private Candle[] _bars = null!;
    private string _script = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bars = LuaBenchmarkData.Candles(300);
        _script = LuaBenchmarkData.Script("ema_crossover.lua");
    }

    [Benchmark(Description = "runner + Lua VM (ema_crossover.lua), 300 bars")]
    public long RunnerWithLuaVm()
    {
        var runner = CreateRunner(_script, _bars, out var strategy);
        var bytes = strategy.MemoryUsed + runner.BarsProcessed;
        strategy.Dispose();
        return bytes;
    }

    internal static RunnerCore CreateRunner(string script, Candle[] bars, out LuaStrategy strategy)
    {
        strategy = LuaStrategy.LoadFile(script, StrategyParameters.Parse("quantity=1"));
        var runner = new RunnerCore(
            new RunnerConfig { RunnerId = "mem", Symbol = LuaBenchmarkData.Symbol, Strategy = script },
            strategy,
            recordEquityCurve: false);
        foreach (var bar in bars)
        {
            runner.OnCandle(bar);
        }

        return runner;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new MeasuredColumn("Lua VM bytes", static () =>
            {
                var runner = CreateRunner(LuaBenchmarkData.Script("ema_crossover.lua"), LuaBenchmarkData.Candles(300), out var strategy);
                GC.KeepAlive(runner);
                var bytes = strategy.MemoryUsed;
                strategy.Dispose();
                return bytes;
            }));
            AddColumn(new MeasuredColumn("Retained managed", static () =>
            {
                const int count = 1000;
                var script = LuaBenchmarkData.Script("ema_crossover.lua");
                var bars = LuaBenchmarkData.Candles(300);
                var keep = new (RunnerCore, LuaStrategy)[count];
                var before = GC.GetTotalMemory(forceFullCollection: true);
                for (var i = 0; i < count; i++)
                {
                    var runner = CreateRunner(script, bars, out var strategy);
                    keep[i] = (runner, strategy);
                }

                var after = GC.GetTotalMemory(forceFullCollection: true);
                GC.KeepAlive(keep);
                foreach (var (_, strategy) in keep)
                {
                    strategy.Dispose();
                }

                return (after - before) / count;
            }));
        }
    }

    private sealed class MeasuredColumn(string name, Func<long> measure) : IColumn
    {
        private readonly Lazy<long> _value = new(measure);

        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Size;

        public string Legend => name;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => $"{_value.Value / 1024.0:F1} KB";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
