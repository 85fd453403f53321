namespace Hive.Trading.Indicators;

/// <summary>
/// Relative strength index with Wilder smoothing. The first average gain and loss are the simple means of the first
/// <see cref="Period"/> close-to-close changes, so the index is ready after <see cref="Period"/> + 1 closes; after that
/// each average is <c>(avg × (period − 1) + change) / period</c>. RSI = 100 − 100 / (1 + avgGain / avgLoss), and 100 when
/// the average loss is zero (as LEAN and Stock.Indicators do). O(1), no allocation.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private double _previousClose;
    private double _averageGain;
    private double _averageLoss;

    /// <summary>Creates an index over <paramref name="period"/> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public RelativeStrengthIndex(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
    }

    /// <summary>The number of changes averaged.</summary>
    public int Period { get; }

    /// <summary>Closes seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Whether <see cref="Period"/> + 1 closes have been seen.</summary>
    public bool IsReady => Samples > Period;

    /// <summary>The index, between 0 and 100; <see cref="double.NaN"/> until ready.</summary>
    public double Value
    {
        get
        {
            if (!IsReady)
            {
                return double.NaN;
            }

            return _averageLoss == 0 ? 100.0 : 100.0 - (100.0 / (1.0 + (_averageGain / _averageLoss)));
        }
    }

    /// <summary>Wilder-smoothed average gain; <see cref="double.NaN"/> until ready.</summary>
    public double AverageGain => IsReady ? _averageGain : double.NaN;

    /// <summary>Wilder-smoothed average loss (a positive number); <see cref="double.NaN"/> until ready.</summary>
    public double AverageLoss => IsReady ? _averageLoss : double.NaN;

    /// <summary>Adds the next close and returns <see cref="IsReady"/>.</summary>
    public bool Update(double close)
    {
        Samples++;
        if (Samples == 1)
        {
            _previousClose = close;
            return false;
        }

        var change = close - _previousClose;
        _previousClose = close;
        var gain = change > 0 ? change : 0.0;
        var loss = change < 0 ? -change : 0.0;
        if (Samples <= Period)
        {
            _averageGain += gain;
            _averageLoss += loss;
            return false;
        }

        if (Samples == Period + 1)
        {
            _averageGain = (_averageGain + gain) / Period;
            _averageLoss = (_averageLoss + loss) / Period;
        }
        else
        {
            _averageGain = ((_averageGain * (Period - 1)) + gain) / Period;
            _averageLoss = ((_averageLoss * (Period - 1)) + loss) / Period;
        }

        return true;
    }

    /// <summary>Forgets every close seen.</summary>
    public void Reset()
    {
        _previousClose = 0;
        _averageGain = 0;
        _averageLoss = 0;
        Samples = 0;
    }
}
