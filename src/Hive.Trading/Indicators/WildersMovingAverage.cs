namespace Hive.Trading.Indicators;

/// <summary>
/// Wilder's moving average (RMA, smoothed moving average): seeded with the simple average of the first
/// <see cref="Period"/> values, then <c>avg += (value − avg) / period</c>, which is an exponential average with
/// α = 1 / period. The smoothing of ATR. O(1), no allocation.
/// </summary>
public sealed class WildersMovingAverage
{
    private readonly ExponentialMovingAverage _average;

    /// <summary>Creates an average over <paramref name="period"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public WildersMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _average = new ExponentialMovingAverage(period, 1.0 / period);
    }

    /// <summary>The smoothing period.</summary>
    public int Period => _average.Period;

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples => _average.Samples;

    /// <summary>Whether <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => _average.IsReady;

    /// <summary>The current average; <see cref="double.NaN"/> until ready.</summary>
    public double Value => _average.Value;

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value) => _average.Update(value);

    /// <summary>Forgets every value seen.</summary>
    public void Reset() => _average.Reset();
}
