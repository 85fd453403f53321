using Hive.Trading.Portfolio;

namespace Hive.Trading.Metrics;

/// <summary>Computes <see cref="PerformanceMetrics"/> from a trade list and an equity curve.</summary>
public static class MetricsCalculator
{
    /// <summary>
    /// Computes the metrics. <paramref name="equity"/> is ordered by time and starts at the initial equity;
    /// <paramref name="trades"/> are the closed trades of the same runner or portfolio. Exposure counts the time
    /// between each trade's entry and exit, overlapping trades counted once.
    /// </summary>
    public static PerformanceMetrics Compute(IReadOnlyList<ClosedTrade> trades, IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(equity);
        throw new NotImplementedException("being written on main by the lead");
    }
}
