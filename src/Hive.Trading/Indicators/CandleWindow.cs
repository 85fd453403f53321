using Hive.Trading.Market;

namespace Hive.Trading.Indicators;

/// <summary>
/// A fixed-capacity ring buffer of the most recent candles of one runner. <see cref="Add"/> is O(1) and allocates
/// nothing: once full, each new candle overwrites the oldest. Indexing counts backwards from the newest bar
/// (<c>window[0]</c> is the newest, <c>window[1]</c> the one before).
/// </summary>
public sealed class CandleWindow
{
    private readonly Candle[] _buffer;
    private int _next;

    /// <summary>Creates an empty window holding at most <paramref name="capacity"/> candles.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    public CandleWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _buffer = new Candle[capacity];
    }

    /// <summary>The most candles the window holds.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>How many candles the window holds now (at most <see cref="Capacity"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Whether the window holds <see cref="Capacity"/> candles.</summary>
    public bool IsFull => Count == _buffer.Length;

    /// <summary>
    /// The candle <paramref name="ago"/> bars before the newest (0 is the newest). The reference points into the ring:
    /// read it before the next <see cref="Add"/>, which may overwrite it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ago"/> is negative or not less than <see cref="Count"/>.</exception>
    public ref readonly Candle this[int ago]
    {
        get
        {
            if ((uint)ago >= (uint)Count)
            {
                ThrowAgo(ago);
            }

            return ref _buffer[IndexOf(ago)];
        }
    }

    /// <summary>The newest candle.</summary>
    /// <exception cref="InvalidOperationException">The window is empty.</exception>
    public Candle Last
    {
        get
        {
            if (Count == 0)
            {
                throw new InvalidOperationException("The candle window is empty.");
            }

            return _buffer[IndexOf(0)];
        }
    }

    /// <summary>Adds <paramref name="candle"/> as the newest bar, dropping the oldest when the window is full.</summary>
    public void Add(in Candle candle)
    {
        _buffer[_next] = candle;
        _next = _next + 1 == _buffer.Length ? 0 : _next + 1;
        if (Count < _buffer.Length)
        {
            Count++;
        }
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Array.Clear(_buffer);
        _next = 0;
        Count = 0;
    }

    /// <summary>Highest <see cref="Candle.High"/> over the last <paramref name="period"/> bars, including the newest.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive or exceeds <see cref="Count"/>.</exception>
    public double Highest(int period)
    {
        CheckPeriod(period);
        var highest = double.NegativeInfinity;
        for (var ago = 0; ago < period; ago++)
        {
            var high = _buffer[IndexOf(ago)].High;
            if (high > highest)
            {
                highest = high;
            }
        }

        return highest;
    }

    /// <summary>Lowest <see cref="Candle.Low"/> over the last <paramref name="period"/> bars, including the newest.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive or exceeds <see cref="Count"/>.</exception>
    public double Lowest(int period)
    {
        CheckPeriod(period);
        var lowest = double.PositiveInfinity;
        for (var ago = 0; ago < period; ago++)
        {
            var low = _buffer[IndexOf(ago)].Low;
            if (low < lowest)
            {
                lowest = low;
            }
        }

        return lowest;
    }

    /// <summary>
    /// Copies the closes of the last <paramref name="period"/> bars into <paramref name="destination"/>, oldest first,
    /// and returns how many were copied: <c>min(period, Count)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the number of closes copied.</exception>
    public int CopyCloses(int period, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        var count = Math.Min(period, Count);
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; {count} closes need copying.", nameof(destination));
        }

        for (var i = 0; i < count; i++)
        {
            destination[i] = _buffer[IndexOf(count - 1 - i)].Close;
        }

        return count;
    }

    private int IndexOf(int ago)
    {
        var index = _next - 1 - ago;
        return index < 0 ? index + _buffer.Length : index;
    }

    private void CheckPeriod(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (period > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The window holds {Count} candles.");
        }
    }

    private void ThrowAgo(int ago) =>
        throw new ArgumentOutOfRangeException(nameof(ago), ago, $"The window holds {Count} candles.");
}
