using BenchmarkDotNet.Attributes;
using Hive.Trading.Backtesting;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Benchmarks.Backtesting;

/// <summary>
/// Backtest replay throughput with a compiled strategy (DESIGN §8: ≥ 3 M bars/s per core). Each invocation replays
/// the whole data set; bars/s = bars ÷ mean time (RESULTS.md does the division). <c>Replay_*</c> drives
/// <see cref="RunnerCore.OnCandle"/> over the k-way merged data exactly as the backtester's loop does, with runners
/// built in <see cref="CreateRunners"/> so that the allocation column is the replay's own; <c>Backtest_*</c> is the whole
/// <see cref="Backtester.Run(IReadOnlyDictionary{string, IReadOnlyList{Candle}}, IReadOnlyList{RunnerConfig}, Action{BacktestProgress}?, CancellationToken)"/>
/// including runner construction, end-of-data closing and the report with its metrics.
/// </summary>
[MemoryDiagnoser]
public class BacktestReplayBenchmarks
{
    private Dictionary<string, IReadOnlyList<Candle>> _data = [];
    private List<RunnerConfig> _oneRunnerPerSymbol = [];
    private List<RunnerConfig> _twoRunnersPerSymbol = [];
    private string[] _symbols = [];
    private Candle[][] _series = [];
    private RunnerCore[][] _one = [];
    private RunnerCore[][] _two = [];

    [ParamsSource(nameof(DataSets))]
    public string Data { get; set; } = BenchmarkData.Generated;

    public static IEnumerable<string> DataSets() => BenchmarkData.Available();

    /// <summary>Bars in the data set, for converting the per-invoke time into bars per second.</summary>
    public long Bars { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Load(Data);
        Bars = _data.Values.Sum(c => (long)c.Count);
        _symbols = [.. _data.Keys];
        _series = [.. _symbols.Select(s => (Candle[])_data[s])];
        _oneRunnerPerSymbol = [.. _data.Keys.Select(s => Config($"{s}_ema", s, "ema-cross"))];
        _twoRunnersPerSymbol = [.. _data.Keys.SelectMany(s => new[] { Config($"{s}_ema", s, "ema-cross"), Config($"{s}_rsi", s, "rsi-reversion") })];
        Console.WriteLine($"// {Data}: {Bars} bars");
    }

    [IterationSetup]
    public void CreateRunners()
    {
        _one = Group(_oneRunnerPerSymbol);
        _two = Group(_twoRunnersPerSymbol);
    }

    [Benchmark(Baseline = true, Description = "Replay, ema-cross, 1 runner/symbol")]
    public long Replay_EmaCross_OneRunnerPerSymbol() => Replay(_one);

    [Benchmark(Description = "Replay, ema-cross + rsi-reversion, 2 runners/symbol")]
    public long Replay_TwoRunnersPerSymbol() => Replay(_two);

    [Benchmark(Description = "Backtester.Run with report, 1 runner/symbol")]
    public long Backtest_OneRunnerPerSymbol() => new Backtester().Run(_data, _oneRunnerPerSymbol).Bars;

    // The backtester's loop: k-way merge by close time, each bar to the runners of its symbol.
    private long Replay(RunnerCore[][] runners)
    {
        var merge = new CandleMerge(_series);
        long bars = 0;
        while (merge.TryNext(out var s, out var index))
        {
            ref readonly var candle = ref _series[s][index];
            foreach (var runner in runners[s])
            {
                runner.OnCandle(candle);
            }

            bars++;
        }

        return bars;
    }

    private RunnerCore[][] Group(List<RunnerConfig> configs) => [.. _symbols.Select((symbol, i) => configs
        .Where(c => c.Symbol == symbol)
        .Select(c => new RunnerCore(c, StrategyCatalog.Default.Create(c.Strategy, c.Parameters), new PaperOrderRouter(), null,
            recordEquityCurve: true, equityCapacity: _series[i].Length + 2))
        .ToArray())];

    private static RunnerConfig Config(string id, string symbol, string strategy) => new()
    {
        RunnerId = id,
        Symbol = symbol,
        Strategy = strategy,
        Parameters = strategy == "ema-cross" ? StrategyParameters.Parse("fast=20,slow=60") : StrategyParameters.Empty,
    };
}
