using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// Runs sweep points the way <c>hive backtest</c> runs one runner: the base runner with the point's values over its
/// parameters, through <see cref="Backtester"/>, once over the in-sample bars and, when the data is split, once more
/// from a fresh start over the out-of-sample bars (indicators warm up again there, as a single backtest over those bars
/// would). A point that cannot run (its strategy rejects the combination) gives a result with the reason.
/// </summary>
public sealed class SweepEvaluator
{
    private readonly Backtester _backtester;
    private readonly RunnerConfig _runner;
    private readonly IReadOnlyList<string> _names;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Candle>> _inSample;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Candle>>? _outOfSample;

    /// <summary>
    /// Prepares runs of <paramref name="runner"/> with the values of <paramref name="names"/> taken from each point.
    /// With <paramref name="trainUntil"/> (Unix epoch milliseconds) bars opening before it are in-sample and the rest
    /// out-of-sample (<see cref="BacktestInputs.Split"/>).
    /// </summary>
    public SweepEvaluator(Backtester backtester, RunnerConfig runner, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, IReadOnlyList<Candle>> candles, long? trainUntil = null)
    {
        ArgumentNullException.ThrowIfNull(backtester);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(candles);
        _backtester = backtester;
        _runner = runner;
        _names = names;
        if (trainUntil is { } until)
        {
            (_inSample, _outOfSample) = BacktestInputs.Split(candles, until, runner.Symbol);
        }
        else
        {
            _inSample = candles;
        }
    }

    /// <summary>Bars the in-sample run replays (the runner's symbol).</summary>
    public long InSampleBars => _inSample.TryGetValue(_runner.Symbol, out var c) ? c.Count : 0;

    /// <summary>Bars the out-of-sample run replays (the runner's symbol), 0 when the data is not split.</summary>
    public long OutOfSampleBars => _outOfSample is not null && _outOfSample.TryGetValue(_runner.Symbol, out var c) ? c.Count : 0;

    /// <summary>The runner configuration of <paramref name="point"/>: the base runner with the point's values set.</summary>
    public static RunnerConfig ConfigOf(RunnerConfig runner, IReadOnlyList<string> names, SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(point);
        var values = new Dictionary<string, string>(runner.Parameters.Values, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in point.ToParameters(names))
        {
            values[name] = value;
        }

        return runner with { Parameters = new StrategyParameters(values) };
    }

    /// <summary>Runs <paramref name="point"/>.</summary>
    public SweepPointResult Run(SweepPoint point, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(point);
        var config = ConfigOf(_runner, _names, point);
        try
        {
            var inSample = _backtester.Run(_inSample, [config], null, cancellationToken).Runners[0];
            var outOfSample = _outOfSample is null ? null : _backtester.Run(_outOfSample, [config], null, cancellationToken).Runners[0];
            var stopped = inSample.StoppedReason ?? outOfSample?.StoppedReason;
            return new SweepPointResult(point, inSample.Metrics, outOfSample?.Metrics, stopped is null ? null : $"stopped: {stopped}")
            {
                InSampleTrades = TradeFingerprint.Of(inSample.Trades),
                OutOfSampleTrades = outOfSample is null ? null : TradeFingerprint.Of(outOfSample.Trades),
            };
        }
        catch (StrategyConfigurationException ex)
        {
            return new SweepPointResult(point, null, null, ex.Message);
        }
    }
}
