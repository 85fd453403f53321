namespace Hive.Trading.Market.Sources;

/// <summary>
/// K-way merge of several candle series on one clock: yields (series, index) pairs in order of close time, ties broken
/// by series order so that a replay is deterministic. A binary heap of the series' next close times: O(log k) per
/// candle, no allocation after construction.
/// </summary>
internal sealed class CandleMerge
{
    private readonly Candle[][] _series;
    private readonly int[] _position;
    private readonly long[] _head;
    private readonly int[] _heap;
    private int _heapSize;

    public CandleMerge(Candle[][] series)
    {
        _series = series;
        _position = new int[series.Length];
        _head = new long[series.Length];
        _heap = new int[series.Length];
        for (var s = 0; s < series.Length; s++)
        {
            if (series[s].Length > 0)
            {
                _head[s] = series[s][0].CloseTime;
                _heap[_heapSize++] = s;
            }
        }

        for (var i = (_heapSize / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>Total candles across the series.</summary>
    public long Total => _series.Sum(static s => (long)s.Length);

    /// <summary>The next candle on the merged clock.</summary>
    public bool TryNext(out int series, out int index)
    {
        if (_heapSize == 0)
        {
            series = -1;
            index = -1;
            return false;
        }

        series = _heap[0];
        index = _position[series]++;
        var candles = _series[series];
        if (_position[series] < candles.Length)
        {
            _head[series] = candles[_position[series]].CloseTime;
        }
        else
        {
            _heap[0] = _heap[--_heapSize];
        }

        if (_heapSize > 1)
        {
            SiftDown(0);
        }

        return true;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when a series is not ordered by close time.</summary>
    public static void EnsureOrdered(string symbol, Candle[] candles)
    {
        for (var i = 1; i < candles.Length; i++)
        {
            if (candles[i].CloseTime < candles[i - 1].CloseTime)
            {
                throw new InvalidDataException(
                    $"{symbol}: candle {i} closes at {candles[i].CloseTime}, before candle {i - 1} at {candles[i - 1].CloseTime}; candles must be in time order.");
            }
        }
    }

    private bool Less(int a, int b)
    {
        var ta = _head[a];
        var tb = _head[b];
        return ta < tb || (ta == tb && a < b);
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _heapSize)
            {
                return;
            }

            var smallest = left;
            var right = left + 1;
            if (right < _heapSize && Less(_heap[right], _heap[left]))
            {
                smallest = right;
            }

            if (!Less(_heap[smallest], _heap[i]))
            {
                return;
            }

            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }
}
