using Hive.Trading.Market;

namespace Hive.Trading.History;

/// <summary>
/// Collects candles in time order under one rule for repeats and overlaps: a bar whose open time is after the last
/// bar's is appended; a bar identical to one already held (same open time and values, as when two downloaded files
/// overlap) is dropped; a bar that repeats an open time with different values, or goes back in time to an open time
/// not held, is an error naming the file and line.
/// </summary>
internal sealed class CandleSequence(int capacity)
{
    // A plain array, not a List, so that a sequence sized exactly hands its array over without a copy (a million
    // one-minute candles are 72 MB).
    private Candle[] _candles = new Candle[Math.Max(capacity, 4)];
    private int _count;
    private readonly List<int> _lines = new(capacity);
    private readonly List<(int Start, string FileName)> _sources = [];

    public int Count => _count;

    public int Duplicates { get; private set; }

    /// <summary>Where the first dropped repeat was read (<c>file line N (time)</c>), or null.</summary>
    public string? FirstDuplicate { get; private set; }

    public void BeginSource(string fileName) => _sources.Add((_count, fileName));

    public void Add(in Candle candle, string fileName, int line)
    {
        if (_count == 0 || candle.OpenTime > _candles[_count - 1].OpenTime)
        {
            if (_count == _candles.Length)
            {
                Array.Resize(ref _candles, _candles.Length * 2);
            }

            _candles[_count++] = candle;
            _lines.Add(line);
            return;
        }

        AddOutOfOrder(candle, fileName, line);
    }

    public ParsedCandles ToParsed(string fileName) => new(fileName, ToArray(), [.. _lines], Duplicates, FirstDuplicate);

    /// <summary>The candles; the sequence's own array when it is full (the sequence is not used afterwards).</summary>
    public Candle[] ToArray()
    {
        if (_count != _candles.Length)
        {
            Array.Resize(ref _candles, _count);
        }

        return _candles;
    }

    private void AddOutOfOrder(in Candle candle, string fileName, int line)
    {
        var index = BinarySearch(candle.OpenTime);
        if (index < 0)
        {
            throw CandleDataError.Create(fileName, line,
                $"open time {Iso(candle.OpenTime)} is before the previous bar's {Iso(_candles[_count - 1].OpenTime)}: bars must be in time order");
        }

        var held = _candles[index];
        if (!SameBar(held, candle))
        {
            var where = SourceOf(index);
            var other = where == fileName ? $"line {_lines[index]}" : $"{where} line {_lines[index]}";
            throw CandleDataError.Create(fileName, line,
                $"the bar opening at {Iso(candle.OpenTime)} differs from the one already read at {other} (open {held.Open}/{candle.Open}, close {held.Close}/{candle.Close})");
        }

        Duplicates++;
        FirstDuplicate ??= $"{fileName} line {line} ({Iso(candle.OpenTime)})";
    }

    private static bool SameBar(in Candle a, in Candle b) =>
        a.OpenTime == b.OpenTime && a.Open.Equals(b.Open) && a.High.Equals(b.High) && a.Low.Equals(b.Low)
        && a.Close.Equals(b.Close) && a.Volume.Equals(b.Volume);

    private int BinarySearch(long openTime)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var t = _candles[mid].OpenTime;
            if (t == openTime)
            {
                return mid;
            }

            if (t < openTime)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private string SourceOf(int index)
    {
        var name = string.Empty;
        foreach (var (start, file) in _sources)
        {
            if (start > index)
            {
                break;
            }

            name = file;
        }

        return name;
    }

    internal static string Iso(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
