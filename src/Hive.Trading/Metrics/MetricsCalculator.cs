using Hive.Trading.Portfolio;

namespace Hive.Trading.Metrics;

/// <summary>
/// Computes <see cref="PerformanceMetrics"/> from a trade list and an equity curve, with the conventions documented on
/// <see cref="PerformanceMetrics"/>. The same function serves backtests, live sessions and anyone recomputing a
/// report's metrics from its own trade list and equity curve.
/// </summary>
public static class MetricsCalculator
{
    private const long MillisecondsPerDay = 86_400_000;
    private const double DaysPerYear = 365;

    /// <summary>
    /// Computes the metrics. <paramref name="equity"/> is ordered by time and its first point is the initial equity;
    /// it may omit points where equity did not change (a flat day then has a zero return).
    /// <paramref name="trades"/> are the closed trades of the same runner or portfolio. Exposure counts the time
    /// between each trade's entry and exit, overlapping trades counted once.
    /// </summary>
    /// <exception cref="ArgumentException">The curve is empty, out of time order, or starts at a non-positive equity.</exception>
    public static PerformanceMetrics Compute(IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(equity);
        if (equity.Count == 0)
        {
            throw new ArgumentException("The equity curve is empty: metrics need at least the initial equity.", nameof(equity));
        }

        var initial = equity[0].Equity;
        if (initial <= 0)
        {
            throw new ArgumentException($"The equity curve starts at {initial}; metrics need a positive initial equity.", nameof(equity));
        }

        for (var i = 1; i < equity.Count; i++)
        {
            if (equity[i].Timestamp < equity[i - 1].Timestamp)
            {
                throw new ArgumentException(
                    $"The equity curve is not in time order: point {i} at {equity[i].Timestamp} comes after {equity[i - 1].Timestamp}.",
                    nameof(equity));
            }
        }

        var final = equity[^1].Equity;
        var start = equity[0].Timestamp;
        var end = equity[^1].Timestamp;
        var totalReturn = (double)(final / initial) - 1;

        var daily = DailyReturns(equity);
        var (sharpe, sortino) = RiskAdjusted(daily);

        var (wins, grossProfit, grossLoss, netProfit, fees) = TradeFigures(trades);

        return new PerformanceMetrics(
            InitialEquity: initial,
            FinalEquity: final,
            TotalReturn: totalReturn,
            Cagr: Cagr(initial, final, end - start),
            Sharpe: sharpe,
            Sortino: sortino,
            MaxDrawdown: MaxDrawdown(equity),
            TradeCount: trades.Count,
            WinRate: trades.Count == 0 ? 0 : (double)wins / trades.Count,
            ProfitFactor: grossLoss == 0 ? (grossProfit > 0 ? double.PositiveInfinity : 0) : (double)(grossProfit / grossLoss),
            ExposureTime: Exposure(trades, start, end),
            NetProfit: netProfit,
            TotalFees: fees);
    }

    /// <summary>
    /// Daily UTC returns: for every calendar day from the curve's first to its last, the equity at the day's last point
    /// (or the previous day's when the day has none) over the previous day's, minus one. The first day is measured
    /// against the initial equity.
    /// </summary>
    public static double[] DailyReturns(IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        if (equity.Count == 0)
        {
            return [];
        }

        var firstDay = FloorDay(equity[0].Timestamp);
        var lastDay = FloorDay(equity[^1].Timestamp);
        var returns = new double[lastDay - firstDay + 1];
        var previous = equity[0].Equity;
        var index = 0;
        for (var day = firstDay; day <= lastDay; day++)
        {
            var dayEnd = (day + 1) * MillisecondsPerDay;
            var close = previous;
            while (index < equity.Count && equity[index].Timestamp < dayEnd)
            {
                close = equity[index].Equity;
                index++;
            }

            returns[day - firstDay] = previous == 0 ? 0 : (double)(close / previous) - 1;
            previous = close;
        }

        return returns;
    }

    /// <summary>Largest peak-to-trough fall as a fraction of the peak.</summary>
    public static double MaxDrawdown(IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        decimal peak = 0;
        double worst = 0;
        foreach (var point in equity)
        {
            if (point.Equity > peak)
            {
                peak = point.Equity;
            }
            else if (peak > 0)
            {
                var drawdown = (double)((peak - point.Equity) / peak);
                worst = Math.Max(worst, drawdown);
            }
        }

        return worst;
    }

    private static long FloorDay(long timestamp) => (long)Math.Floor(timestamp / (double)MillisecondsPerDay);

    private static double Cagr(decimal initial, decimal final, long spanMilliseconds)
    {
        var years = spanMilliseconds / (double)MillisecondsPerDay / DaysPerYear;
        if (spanMilliseconds < MillisecondsPerDay)
        {
            return 0;
        }

        return final <= 0 ? -1 : Math.Pow((double)(final / initial), 1 / years) - 1;
    }

    private static (double Sharpe, double Sortino) RiskAdjusted(double[] daily)
    {
        if (daily.Length < 2)
        {
            return (0, 0);
        }

        var mean = daily.Average();
        double squares = 0, downside = 0;
        foreach (var r in daily)
        {
            squares += (r - mean) * (r - mean);
            if (r < 0)
            {
                downside += r * r;
            }
        }

        var std = Math.Sqrt(squares / (daily.Length - 1));
        var downsideDeviation = Math.Sqrt(downside / (daily.Length - 1));
        var annualiser = Math.Sqrt(DaysPerYear);
        return (
            std > 0 ? mean / std * annualiser : 0,
            downsideDeviation > 0 ? mean / downsideDeviation * annualiser : 0);
    }

    private static (int Wins, decimal GrossProfit, decimal GrossLoss, decimal Net, decimal Fees) TradeFigures(IReadOnlyList<ClosedTrade> trades)
    {
        int wins = 0;
        decimal grossProfit = 0, grossLoss = 0, fees = 0;
        foreach (var trade in trades)
        {
            fees += trade.Fees;
            if (trade.Pnl > 0)
            {
                wins++;
                grossProfit += trade.Pnl;
            }
            else
            {
                grossLoss -= trade.Pnl;
            }
        }

        return (wins, grossProfit, grossLoss, grossProfit - grossLoss, fees);
    }

    private static double Exposure(IReadOnlyList<ClosedTrade> trades, long start, long end)
    {
        if (end <= start || trades.Count == 0)
        {
            return 0;
        }

        var intervals = trades
            .Select(t => (From: Math.Max(t.EntryTime, start), To: Math.Min(t.ExitTime, end)))
            .Where(i => i.To > i.From)
            .OrderBy(i => i.From)
            .ToList();

        long covered = 0, reachedTo = long.MinValue;
        foreach (var (from, to) in intervals)
        {
            var effectiveFrom = Math.Max(from, reachedTo);
            if (to > effectiveFrom)
            {
                covered += to - effectiveFrom;
            }

            reachedTo = Math.Max(reachedTo, to);
        }

        return (double)covered / (end - start);
    }
}
