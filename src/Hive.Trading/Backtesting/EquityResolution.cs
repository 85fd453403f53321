namespace Hive.Trading.Backtesting;

/// <summary>
/// Chooses how finely a report keeps its equity curves: one point per hour, or per a coarser divisor of a day when a
/// long run would otherwise exceed <see cref="MaxBuckets"/> points per curve. Metrics never depend on the choice; they
/// are exact at every resolution.
/// </summary>
public static class EquityResolution
{
    /// <summary>Milliseconds in a UTC day; every resolution divides it.</summary>
    public const long MillisecondsPerDay = 86_400_000;

    /// <summary>The most points an automatically chosen resolution gives a curve (plus the drawdown pair and the ends).</summary>
    public const int MaxBuckets = 5_000;

    private const long Hour = 3_600_000;

    private static readonly long[] Candidates = [Hour, 2 * Hour, 3 * Hour, 4 * Hour, 6 * Hour, 8 * Hour, 12 * Hour, 24 * Hour];

    /// <summary>The finest candidate resolution (1 h to 24 h, dividing a day) that keeps a run from <paramref name="start"/> to <paramref name="end"/> within <see cref="MaxBuckets"/> points.</summary>
    public static long Choose(long start, long end)
    {
        var span = Math.Max(0, end - start);
        foreach (var candidate in Candidates)
        {
            if (span / candidate < MaxBuckets)
            {
                return candidate;
            }
        }

        return MillisecondsPerDay;
    }
}
