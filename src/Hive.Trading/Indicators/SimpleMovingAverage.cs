namespace Hive.Trading.Indicators;

/// <summary>
/// Simple moving average over the last <see cref="Period"/> values. Each update adds the new value to a running sum
/// and subtracts the value leaving the window; every <see cref="Period"/> updates the sum is recomputed exactly from
/// the ring so rounding never accumulates (amortised O(1), no allocation).
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly double[] _ring;
    private int _next;
    private double _sum;

    /// <summary>Creates an average over <paramref name="period"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _ring = new double[period];
    }

    /// <summary>Number of values averaged.</summary>
    public int Period => _ring.Length;

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Whether <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => Samples >= _ring.Length;

    /// <summary>The average of the last <see cref="Period"/> values; <see cref="double.NaN"/> until ready.</summary>
    public double Value => IsReady ? _sum / _ring.Length : double.NaN;

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value)
    {
        if (Samples >= _ring.Length)
        {
            _sum -= _ring[_next];
        }

        _ring[_next] = value;
        _sum += value;
        Samples++;
        if (++_next == _ring.Length)
        {
            _next = 0;
            _sum = ExactSum(_ring);
        }

        return IsReady;
    }

    /// <summary>Forgets every value seen.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _next = 0;
        _sum = 0;
        Samples = 0;
    }

    private static double ExactSum(double[] values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}
