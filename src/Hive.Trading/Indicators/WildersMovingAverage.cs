namespace Hive.Trading.Indicators;

/// <summary>
/// Wilder's moving average (RMA, smoothed moving average): seeded with the simple average of the first
/// <see cref="Period"/> values, then <c>avg = (avg × (period − 1) + value) / period</c>. The smoothing of RSI and ATR.
/// O(1), no allocation.
/// </summary>
public sealed class WildersMovingAverage
{
    private double _value;

    /// <summary>Creates an average over <paramref name="period"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public WildersMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
    }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Whether <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => Samples >= Period;

    /// <summary>The current average; <see cref="double.NaN"/> until ready.</summary>
    public double Value => IsReady ? _value : double.NaN;

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value)
    {
        Samples++;
        if (Samples < Period)
        {
            _value += value;
        }
        else if (Samples == Period)
        {
            _value = (_value + value) / Period;
        }
        else
        {
            _value = ((_value * (Period - 1)) + value) / Period;
        }

        return Samples >= Period;
    }

    /// <summary>Forgets every value seen.</summary>
    public void Reset()
    {
        _value = 0;
        Samples = 0;
    }
}
