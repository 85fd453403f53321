namespace Hive.Trading.Risk;

/// <summary>
/// Sliding one-second window of accepted orders on event time (the injected clock or the market event's timestamp,
/// so that backtests and live runs count the same way). A ring of the last <c>n</c> order times: an order is allowed
/// when fewer than <c>n</c> orders were accepted in the 1000 ms before it. O(1), no allocation after construction.
/// </summary>
public sealed class OrderRateLimiter
{
    private const long WindowMs = 1000;
    private readonly long[] _times;
    private int _next;
    private int _count;

    /// <summary>Allows <paramref name="maxPerSecond"/> orders in any one-second window.</summary>
    public OrderRateLimiter(int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerSecond);
        _times = new long[maxPerSecond];
    }

    /// <summary>The limit.</summary>
    public int MaxPerSecond => _times.Length;

    /// <summary>Orders counted in the window ending at <paramref name="now"/>.</summary>
    public int CountAt(long now)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (now - _times[i] < WindowMs)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether an order at <paramref name="now"/> (Unix ms) fits the window; does not record it.</summary>
    public bool CanAcquire(long now) => _count < _times.Length || now - _times[_next] >= WindowMs;

    /// <summary>Records an accepted order at <paramref name="now"/>.</summary>
    public void Record(long now)
    {
        _times[_next] = now;
        _next = (_next + 1) % _times.Length;
        if (_count < _times.Length)
        {
            _count++;
        }
    }
}
