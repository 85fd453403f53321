using Hive.Trading.Strategies;

namespace Hive.Trading.Indicators;

/// <summary>
/// Moving average convergence/divergence. The line is fast EMA − slow EMA, available once the slow EMA is ready
/// (<see cref="SlowPeriod"/> values, both EMAs seeded with their SMA). The signal is an EMA of the line over
/// <see cref="SignalPeriod"/> line values, itself seeded with the SMA of its first <see cref="SignalPeriod"/> line
/// values, so the whole indicator is ready after <c>slow + signal − 1</c> values (LEAN's and Stock.Indicators'
/// convention). Histogram = line − signal. O(1), no allocation.
/// </summary>
public sealed class Macd
{
    private readonly ExponentialMovingAverage _fast;
    private readonly ExponentialMovingAverage _slow;
    private readonly ExponentialMovingAverage _signal;

    /// <summary>Creates a MACD with the given periods (typically 12, 26, 9).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A period is not positive, or <paramref name="fastPeriod"/> is not less than <paramref name="slowPeriod"/>.</exception>
    public Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fastPeriod);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slowPeriod);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(signalPeriod);
        if (fastPeriod >= slowPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(fastPeriod), fastPeriod, $"The fast period must be less than the slow period ({slowPeriod}).");
        }

        _fast = new ExponentialMovingAverage(fastPeriod);
        _slow = new ExponentialMovingAverage(slowPeriod);
        _signal = new ExponentialMovingAverage(signalPeriod);
    }

    /// <summary>Period of the fast EMA.</summary>
    public int FastPeriod => _fast.Period;

    /// <summary>Period of the slow EMA.</summary>
    public int SlowPeriod => _slow.Period;

    /// <summary>Period of the signal EMA.</summary>
    public int SignalPeriod => _signal.Period;

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples => _slow.Samples;

    /// <summary>Whether the line is available (the slow EMA is ready).</summary>
    public bool IsLineReady => _slow.IsReady;

    /// <summary>Whether line, signal and histogram are all available.</summary>
    public bool IsReady => _signal.IsReady;

    /// <summary>Fast EMA − slow EMA; <see cref="double.NaN"/> until <see cref="IsLineReady"/>.</summary>
    public double Line => _slow.IsReady ? _fast.Value - _slow.Value : double.NaN;

    /// <summary>EMA of the line; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Signal => _signal.Value;

    /// <summary>Line − signal; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Histogram => _signal.IsReady ? Line - _signal.Value : double.NaN;

    /// <summary>Line, signal and histogram at once; <c>null</c> until <see cref="IsReady"/>.</summary>
    public MacdValue? Current
    {
        get
        {
            if (!_signal.IsReady)
            {
                return null;
            }

            var line = _fast.Value - _slow.Value;
            var signal = _signal.Value;
            return new MacdValue(line, signal, line - signal);
        }
    }

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value)
    {
        _fast.Update(value);
        if (_slow.Update(value))
        {
            return _signal.Update(_fast.Value - _slow.Value);
        }

        return false;
    }

    /// <summary>Forgets every value seen.</summary>
    public void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _signal.Reset();
    }
}
