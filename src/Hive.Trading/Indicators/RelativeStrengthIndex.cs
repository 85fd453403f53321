namespace Hive.Trading.Indicators;

/// <summary>
/// Relative strength index with Wilder smoothing. The first average gain and loss are the simple means of the first
/// <see cref="Period"/> close-to-close changes, so the index is ready after <see cref="Period"/> + 1 closes; after that
/// each average is Wilder's (<see cref="WildersMovingAverage"/>). RSI = 100 − 100 / (1 + avgGain / avgLoss), and 100 when
/// the average loss is zero (as LEAN and Stock.Indicators do). O(1), no allocation.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private readonly WildersMovingAverage _gains;
    private readonly WildersMovingAverage _losses;
    private double _previousClose;

    /// <summary>Creates an index over <paramref name="period"/> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public RelativeStrengthIndex(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
        _gains = new WildersMovingAverage(period);
        _losses = new WildersMovingAverage(period);
    }

    /// <summary>The number of changes averaged.</summary>
    public int Period { get; }

    /// <summary>Closes seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Whether <see cref="Period"/> + 1 closes have been seen.</summary>
    public bool IsReady => _gains.IsReady;

    /// <summary>The index, between 0 and 100; <see cref="double.NaN"/> until ready.</summary>
    public double Value
    {
        get
        {
            if (!IsReady)
            {
                return double.NaN;
            }

            var averageLoss = _losses.Value;
            return averageLoss == 0 ? 100.0 : 100.0 - (100.0 / (1.0 + (_gains.Value / averageLoss)));
        }
    }

    /// <summary>Wilder-smoothed average gain; <see cref="double.NaN"/> until ready.</summary>
    public double AverageGain => _gains.Value;

    /// <summary>Wilder-smoothed average loss (a positive number); <see cref="double.NaN"/> until ready.</summary>
    public double AverageLoss => _losses.Value;

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
        _gains.Update(change > 0 ? change : 0.0);
        return _losses.Update(change < 0 ? -change : 0.0);
    }

    /// <summary>Forgets every close seen.</summary>
    public void Reset()
    {
        _previousClose = 0;
        _gains.Reset();
        _losses.Reset();
        Samples = 0;
    }
}
