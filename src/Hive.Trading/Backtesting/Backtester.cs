using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Replays the candles of one or many symbols on one clock (a k-way merge by close time, ties in the order the
/// symbols were given) through many <see cref="RunnerCore"/>s, several per symbol if wanted, each with its own
/// strategy, parameters and position, and builds the <see cref="BacktestReport"/>. The loop calls the runners
/// directly, without <see cref="IAsyncEnumerable{T}"/>, so a compiled strategy replays millions of bars per second.
/// Fills follow <see cref="PaperFillModel"/>: a decision taken on a bar fills at that bar's close. At the end, open
/// positions are closed at their symbol's last close with exit reason <c>end_of_data</c> (see
/// <see cref="BacktestOptions.CloseOpenPositionsAtEnd"/>). The total is the sum of the runners' equity with their
/// trades pooled. Equity curves are recorded bar by bar but kept at the report's resolution (see
/// <see cref="EquityRecorder"/>); metrics come from <see cref="MetricsCalculator.Compute"/> and are exact.
/// </summary>
public sealed class Backtester
{
    private readonly StrategyCatalog _catalog;

    /// <summary>Creates a backtester resolving strategy names in <paramref name="catalog"/> (the default catalog when <c>null</c>).</summary>
    public Backtester(StrategyCatalog? catalog = null, BacktestOptions? options = null)
    {
        _catalog = catalog ?? StrategyCatalog.Default;
        Options = options ?? new BacktestOptions();
        ArgumentNullException.ThrowIfNull(Options.AccountLimits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.ProgressInterval);
        FillModel = new PaperFillModel(Options.FeeRate, Options.SlippageBps);
    }

    /// <summary>The run's settings.</summary>
    public BacktestOptions Options { get; }

    /// <summary>The fill model every runner's paper router uses.</summary>
    public PaperFillModel FillModel { get; }

    /// <summary>
    /// Runs <paramref name="runners"/> over <paramref name="candles"/> (per symbol, in time order). Throws
    /// <see cref="ArgumentException"/> for a duplicate runner ID or a runner whose symbol has no data, and
    /// <see cref="StrategyConfigurationException"/> for an unknown strategy or a bad parameter.
    /// </summary>
    public BacktestReport Run(
        IReadOnlyDictionary<string, IReadOnlyList<Candle>> candles,
        IReadOnlyList<RunnerConfig> runners,
        Action<BacktestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(runners);
        if (runners.Count == 0)
        {
            throw new ArgumentException("A backtest needs at least one runner.", nameof(runners));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in runners)
        {
            ArgumentNullException.ThrowIfNull(config);
            config.Validate();
            if (!ids.Add(config.RunnerId))
            {
                throw new ArgumentException($"Duplicate runner ID '{config.RunnerId}': every runner needs its own ID.");
            }

            if (!candles.TryGetValue(config.Symbol, out var series) || series.Count == 0)
            {
                throw new ArgumentException(
                    $"Runner '{config.RunnerId}' trades {config.Symbol}, but no data was given for {config.Symbol}; data: {(candles.Count == 0 ? "none" : string.Join(", ", candles.Keys))}.");
            }
        }

        var account = new AccountRisk(Options.AccountLimits);
        var router = new PaperOrderRouter(FillModel);
        var cores = new List<RunnerCore>(runners.Count);
        foreach (var config in runners)
        {
            IStrategy strategy;
            try
            {
                strategy = _catalog.Create(config.Strategy, config.Parameters);
            }
            catch (StrategyConfigurationException ex)
            {
                throw new StrategyConfigurationException(ex.Strategy, $"Runner '{config.RunnerId}': {ex.Message}", ex);
            }

            // Sizing and buying power assume the fee this backtest charges.
            // The backtester records equity itself (see EquityRecorder), so the runner keeps no curve.
            cores.Add(new RunnerCore(config with { FeeRate = Options.FeeRate }, strategy, router, account, recordEquityCurve: false));
        }

        return Run(candles, cores, progress, cancellationToken);
    }

    /// <summary>
    /// Runs already-built runners (for example with a custom strategy instance or router) over <paramref name="candles"/>.
    /// Only the symbols some runner trades are replayed.
    /// </summary>
    public BacktestReport Run(
        IReadOnlyDictionary<string, IReadOnlyList<Candle>> candles,
        IReadOnlyList<RunnerCore> runners,
        Action<BacktestProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(runners);

        var symbols = new List<string>();
        var series = new List<Candle[]>();
        var bySeries = new List<List<RunnerCore>>();
        foreach (var (symbol, list) in candles)
        {
            var trading = runners.Where(r => string.Equals(r.Symbol, symbol, StringComparison.Ordinal)).ToList();
            if (trading.Count == 0 || list.Count == 0)
            {
                continue;
            }

            var array = list as Candle[] ?? [.. list];
            CandleMerge.EnsureOrdered(symbol, array);
            symbols.Add(symbol);
            series.Add(array);
            bySeries.Add(trading);
        }

        foreach (var runner in runners)
        {
            if (!symbols.Contains(runner.Symbol, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Runner '{runner.RunnerId}' trades {runner.Symbol}, but no data was given for {runner.Symbol}.");
            }
        }

        var seriesArray = series.ToArray();
        var runnerArrays = bySeries.Select(static l => l.ToArray()).ToArray();
        var startTime = seriesArray.Select(static a => a[0].OpenTime).Min();
        var endTime = seriesArray.Select(static a => a[^1].CloseTime).Max();
        var resolution = Options.EquityResolution ?? EquityResolution.Choose(startTime, endTime);
        var recorders = new Dictionary<RunnerCore, EquityRecorder>(ReferenceEqualityComparer.Instance);
        var recorderArrays = new EquityRecorder[runnerArrays.Length][];
        for (var s = 0; s < runnerArrays.Length; s++)
        {
            recorderArrays[s] = new EquityRecorder[runnerArrays[s].Length];
            for (var r = 0; r < runnerArrays[s].Length; r++)
            {
                recorders[runnerArrays[s][r]] = recorderArrays[s][r] = new EquityRecorder(resolution, Options.FullEquity, Options.FullEquity ? seriesArray[s].Length + 2 : 0);
            }
        }

        var total = new EquityRecorder(resolution, Options.FullEquity);
        var bars = Replay(seriesArray, runnerArrays, recorderArrays, total, progress, cancellationToken);

        foreach (var runner in runners)
        {
            runner.CompleteEquityCurve();
        }

        var prices = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            prices[symbols[i]] = seriesArray[i];
        }

        return BuildReport(runners, recorders, total, prices, startTime, endTime, bars, resolution);
    }

    private long Replay(Candle[][] series, RunnerCore[][] runners, EquityRecorder[][] recorders, EquityRecorder totalRecorder,
        Action<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        var total = 0L;
        foreach (var s in series)
        {
            total += s.Length;
        }

        // Each runner's latest equity and their sum, so the total curve is built on the fly instead of from stored curves.
        var latest = new decimal[runners.Length][];
        var totalEquity = 0m;
        for (var s = 0; s < runners.Length; s++)
        {
            latest[s] = new decimal[runners[s].Length];
            for (var r = 0; r < runners[s].Length; r++)
            {
                latest[s][r] = runners[s][r].Config.InitialEquity;
                totalEquity += latest[s][r];
            }
        }

        var closeAtEnd = Options.CloseOpenPositionsAtEnd;
        var interval = Options.ProgressInterval;
        var untilProgress = interval;
        long processed = 0;
        long lastTime = 0;
        var merge = new CandleMerge(series);
        while (merge.TryNext(out var s, out var index))
        {
            ref readonly var candle = ref series[s][index];
            var group = runners[s];
            for (var r = 0; r < group.Length; r++)
            {
                group[r].OnCandle(candle);
            }

            if (closeAtEnd && index == series[s].Length - 1)
            {
                // A symbol's last bar: its runners close there, so the total curve shows the exit fees when they happen.
                for (var r = 0; r < group.Length; r++)
                {
                    group[r].ClosePosition("end_of_data", bypassRisk: true);
                }
            }

            var time = candle.CloseTime;
            var groupRecorders = recorders[s];
            var groupLatest = latest[s];
            for (var r = 0; r < group.Length; r++)
            {
                var equity = group[r].Equity;
                groupRecorders[r].Observe(time, equity);
                totalEquity += equity - groupLatest[r];
                groupLatest[r] = equity;
            }

            totalRecorder.Observe(time, totalEquity);
            processed++;
            lastTime = time;
            if (--untilProgress == 0)
            {
                untilProgress = interval;
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(new BacktestProgress(processed, total, time));
            }
        }

        for (var s = 0; s < runners.Length; s++)
        {
            for (var r = 0; r < runners[s].Length; r++)
            {
                recorders[s][r].Complete(runners[s][r].LastTimestamp, runners[s][r].Equity);
            }
        }

        totalRecorder.Complete(lastTime, totalEquity);
        progress?.Invoke(new BacktestProgress(processed, total, lastTime));
        return processed;
    }

    private static BacktestReport BuildReport(IReadOnlyList<RunnerCore> runners, Dictionary<RunnerCore, EquityRecorder> recorders, EquityRecorder totalRecorder,
        IReadOnlyDictionary<string, IReadOnlyList<Candle>> prices, long start, long end, long bars, long resolution)
    {
        var reports = new List<RunnerReport>(runners.Count);
        foreach (var runner in runners)
        {
            var trades = runner.Trades.ToArray();
            var recorder = recorders[runner];
            var equity = recorder.Reduced();
            reports.Add(new RunnerReport(
                runner.RunnerId,
                runner.Symbol,
                runner.Config.Strategy,
                new Dictionary<string, string>(runner.Config.Parameters.Values, StringComparer.OrdinalIgnoreCase),
                trades,
                equity,
                MetricsCalculator.Compute(trades, equity),
                runner.Signals.ToArray(),
                runner.RiskDenials,
                runner.Errors.ToArray(),
                runner.StoppedReason)
            {
                FullEquity = recorder.Full(),
            });
        }

        var pooled = reports.SelectMany(static r => r.Trades).OrderBy(static t => t.ExitTime).ThenBy(static t => t.RunnerId, StringComparer.Ordinal).ToArray();
        var totalEquity = totalRecorder.Reduced();
        return new BacktestReport(
            start,
            end,
            bars,
            runners.Count > 0 ? runners[0].Config.InitialEquity : 0,
            reports,
            MetricsCalculator.Compute(pooled, totalEquity),
            totalEquity,
            prices)
        {
            EquityResolution = resolution,
            FullTotalEquity = totalRecorder.Full(),
        };
    }
}
