namespace Hive.Trading.Indicators;

/// <summary>
/// Exponential moving average with α = 2 / (period + 1), seeded with the simple average of the first
/// <see cref="Period"/> values (the LEAN, TA-Lib and Stock.Indicators convention): ready after <see cref="Period"/>
/// values, then <c>ema += α (value − ema)</c>. O(1), no allocation.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _alpha;
    private double _value;

    /// <summary>Creates an average over <paramref name="period"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public ExponentialMovingAverage(int period)
        : this(period, 2.0 / (period + 1))
    {
    }

    /// <summary>
    /// An average with its own smoothing factor, seeded the same way: Wilder's average is the case α = 1 / period.
    /// </summary>
    internal ExponentialMovingAverage(int period, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
        _alpha = alpha;
    }

    /// <summary>The period; α is 2 / (period + 1) unless the average was created with its own.</summary>
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
            _value += _alpha * (value - _value);
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
