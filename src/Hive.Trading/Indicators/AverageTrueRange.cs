using Hive.Trading.Market;

namespace Hive.Trading.Indicators;

/// <summary>
/// Average true range with Wilder smoothing. The true range of a bar is max(high − low, |high − previous close|,
/// |low − previous close|); the first bar has no previous close, so by default (TA-Lib's and Stock.Indicators'
/// convention) it contributes no true range and the average, seeded with the simple mean of the first
/// <see cref="Period"/> true ranges, is ready after <see cref="Period"/> + 1 bars. LEAN instead counts the first bar's
/// high − low as a true range and is ready after <see cref="Period"/> bars: pass <c>countFirstBarRange: true</c> for
/// that. O(1), no allocation.
/// </summary>
public sealed class AverageTrueRange
{
    private readonly WildersMovingAverage _average;
    private readonly bool _countFirstBarRange;
    private double _previousClose;
    private bool _hasPrevious;

    /// <summary>Creates an average over <paramref name="period"/> true ranges.</summary>
    /// <param name="period">Number of true ranges averaged.</param>
    /// <param name="countFirstBarRange">Whether the first bar's high − low counts as a true range (LEAN's convention).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public AverageTrueRange(int period, bool countFirstBarRange = false)
    {
        _average = new WildersMovingAverage(period);
        _countFirstBarRange = countFirstBarRange;
    }

    /// <summary>Number of true ranges averaged.</summary>
    public int Period => _average.Period;

    /// <summary>Whether the average holds <see cref="Period"/> true ranges.</summary>
    public bool IsReady => _average.IsReady;

    /// <summary>The average true range; <see cref="double.NaN"/> until ready.</summary>
    public double Value => _average.Value;

    /// <summary>The true range of the last bar; <see cref="double.NaN"/> before the first true range.</summary>
    public double TrueRange { get; private set; } = double.NaN;

    /// <summary>The true range of a bar given the previous bar's close.</summary>
    public static double TrueRangeOf(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    /// <summary>Adds the next bar and returns <see cref="IsReady"/>.</summary>
    public bool Update(in Candle candle) => Update(candle.High, candle.Low, candle.Close);

    /// <summary>Adds the next bar and returns <see cref="IsReady"/>.</summary>
    public bool Update(double high, double low, double close)
    {
        if (_hasPrevious)
        {
            TrueRange = TrueRangeOf(high, low, _previousClose);
            _average.Update(TrueRange);
        }
        else
        {
            _hasPrevious = true;
            if (_countFirstBarRange)
            {
                TrueRange = high - low;
                _average.Update(TrueRange);
            }
        }

        _previousClose = close;
        return _average.IsReady;
    }

    /// <summary>Forgets every bar seen.</summary>
    public void Reset()
    {
        _average.Reset();
        _previousClose = 0;
        _hasPrevious = false;
        TrueRange = double.NaN;
    }
}
