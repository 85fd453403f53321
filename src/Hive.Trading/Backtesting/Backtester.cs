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
/// positions are closed at the last close with exit reason <c>end_of_data</c> (see
/// <see cref="BacktestOptions.CloseOpenPositionsAtEnd"/>). The total is the sum of the runners' equity curves with
/// their trades pooled; metrics come from <see cref="MetricsCalculator.Compute"/>.
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
            cores.Add(new RunnerCore(config with { FeeRate = Options.FeeRate }, strategy, router, account, recordEquityCurve: true,
                equityCapacity: Math.Min(candles[config.Symbol].Count + 2, 1 << 20)));
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
        var bars = Replay(seriesArray, runnerArrays, progress, cancellationToken);

        foreach (var runner in runners)
        {
            if (Options.CloseOpenPositionsAtEnd)
            {
                runner.ClosePosition("end_of_data", bypassRisk: true);
            }

            runner.CompleteEquityCurve();
        }

        var prices = new Dictionary<string, IReadOnlyList<Candle>>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            prices[symbols[i]] = seriesArray[i];
        }

        return BuildReport(runners, prices, seriesArray, bars);
    }

    private long Replay(Candle[][] series, RunnerCore[][] runners, Action<BacktestProgress>? progress, CancellationToken cancellationToken)
    {
        var total = 0L;
        foreach (var s in series)
        {
            total += s.Length;
        }

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

            processed++;
            lastTime = candle.CloseTime;
            if (--untilProgress == 0)
            {
                untilProgress = interval;
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(new BacktestProgress(processed, total, candle.CloseTime));
            }
        }

        progress?.Invoke(new BacktestProgress(processed, total, lastTime));
        return processed;
    }

    private static BacktestReport BuildReport(IReadOnlyList<RunnerCore> runners, IReadOnlyDictionary<string, IReadOnlyList<Candle>> prices,
        Candle[][] series, long bars)
    {
        var reports = new List<RunnerReport>(runners.Count);
        foreach (var runner in runners)
        {
            var trades = runner.Trades.ToArray();
            var equity = runner.EquityCurve.ToArray();
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
                runner.StoppedReason));
        }

        var pooled = reports.SelectMany(static r => r.Trades).OrderBy(static t => t.ExitTime).ThenBy(static t => t.RunnerId, StringComparer.Ordinal).ToArray();
        var totalEquity = SumEquity(runners);
        var start = series.Where(static s => s.Length > 0).Select(static s => s[0].OpenTime).DefaultIfEmpty().Min();
        var end = series.Where(static s => s.Length > 0).Select(static s => s[^1].CloseTime).DefaultIfEmpty().Max();
        return new BacktestReport(
            start,
            end,
            bars,
            runners.Count > 0 ? runners[0].Config.InitialEquity : 0,
            reports,
            MetricsCalculator.Compute(pooled, totalEquity),
            totalEquity,
            prices);
    }

    /// <summary>
    /// Sums the runners' step-wise equity curves: before its first point a runner counts its initial equity; at each
    /// timestamp where any runner's equity changes, the total is the sum of every runner's latest equity.
    /// </summary>
    internal static EquityPoint[] SumEquity(IReadOnlyList<RunnerCore> runners)
    {
        var curves = new IReadOnlyList<EquityPoint>[runners.Count];
        var current = new decimal[runners.Count];
        var total = 0m;
        var count = 0;
        for (var r = 0; r < runners.Count; r++)
        {
            curves[r] = runners[r].EquityCurve;
            current[r] = runners[r].Config.InitialEquity;
            total += current[r];
            count += curves[r].Count;
        }

        if (runners.Count == 1)
        {
            return [.. curves[0]];
        }

        // Each curve is in time order: merge them, ties in runner order, one point per distinct timestamp.
        var next = new int[runners.Count];
        var queue = new PriorityQueue<int, (long Time, int Runner)>(runners.Count);
        for (var r = 0; r < runners.Count; r++)
        {
            if (curves[r].Count > 0)
            {
                queue.Enqueue(r, (curves[r][0].Timestamp, r));
            }
        }

        var result = new List<EquityPoint>(count);
        while (queue.TryDequeue(out var runner, out var key))
        {
            var point = curves[runner][next[runner]++];
            total += point.Equity - current[runner];
            current[runner] = point.Equity;
            if (next[runner] < curves[runner].Count)
            {
                queue.Enqueue(runner, (curves[runner][next[runner]].Timestamp, runner));
            }

            if (queue.TryPeek(out _, out var following) && following.Time == key.Time)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].Equity == total && queue.Count > 0)
            {
                continue;
            }

            result.Add(new EquityPoint(key.Time, total));
        }

        return [.. result];
    }
}
