namespace Hive.Trading.Indicators;

/// <summary>
/// The lowest of the last <see cref="Period"/> values (for example the lowest low of the last N bars), kept by a monotonic
/// deque: amortised O(1) per update, no allocation.
/// </summary>
public sealed class RollingMinimum
{
    private readonly MonotonicWindow _window;

    /// <summary>Creates a rolling lowest over <paramref name="period"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    public RollingMinimum(int period) => _window = new MonotonicWindow(period, maximum: false, nameof(period));

    /// <summary>Number of values covered.</summary>
    public int Period => _window.Period;

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples => _window.Samples;

    /// <summary>Whether <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => _window.IsReady;

    /// <summary>The lowest of the last <see cref="Period"/> values; <see cref="double.NaN"/> until ready.</summary>
    public double Value => _window.Value;

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value) => _window.Update(value);

    /// <summary>Forgets every value seen.</summary>
    public void Reset() => _window.Reset();
}
