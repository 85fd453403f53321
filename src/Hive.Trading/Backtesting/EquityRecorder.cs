using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Receives an equity curve bar by bar (a point on the first bar, whenever equity changes, a later value at the same
/// timestamp replacing the earlier one) and keeps only a reduced curve: the first point, the last point of every
/// resolution bucket, the last point, and the peak and trough of the largest drawdown. Buckets divide a UTC day, so
/// every day's last point is kept; with the drawdown pair, <see cref="MetricsCalculator.Compute"/> over the reduced
/// curve equals the metrics of the full curve exactly, while the report stays the size of the bucket count instead of
/// the bar count. The full curve is kept only on request.
/// </summary>
internal sealed class EquityRecorder
{
    private readonly long _resolution;
    private readonly List<EquityPoint> _kept = [];
    private readonly List<EquityPoint>? _full;
    private bool _started;
    private bool _pendingIsFirst;
    private EquityPoint _pending;
    private decimal _peak;
    private EquityPoint _peakPoint;
    private double _worst;
    private EquityPoint? _drawdownPeak;
    private EquityPoint? _drawdownTrough;

    /// <summary>Creates a recorder keeping one point per <paramref name="resolution"/> milliseconds (a divisor of a day).</summary>
    public EquityRecorder(long resolution, bool keepFull, int fullCapacity = 0)
    {
        if (resolution <= 0 || EquityResolution.MillisecondsPerDay % resolution != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The equity resolution must divide a day.");
        }

        _resolution = resolution;
        _full = keepFull ? new List<EquityPoint>(fullCapacity) : null;
    }

    /// <summary>Feeds the equity after a bar closing at <paramref name="timestamp"/>.</summary>
    public void Observe(long timestamp, decimal equity)
    {
        if (_started && equity == _pending.Equity)
        {
            return;
        }

        Change(timestamp, equity);
    }

    /// <summary>Adds the final point: the last bar's equity (see <c>RunnerCore.CompleteEquityCurve</c>).</summary>
    public void Complete(long timestamp, decimal equity)
    {
        if (!_started)
        {
            return;
        }

        // A runner stopped early keeps its last timestamp; the curve never goes back in time.
        timestamp = Math.Max(timestamp, _pending.Timestamp);
        if (_pending.Timestamp != timestamp || _pending.Equity != equity)
        {
            Change(timestamp, equity);
        }

        Finalise(_pending, keep: true);
        _started = false;
    }

    /// <summary>The reduced curve, in time order (call after <see cref="Complete"/>).</summary>
    public EquityPoint[] Reduced()
    {
        var result = new List<EquityPoint>(_kept.Count + 2);
        result.AddRange(_kept);
        Insert(result, _drawdownPeak);
        Insert(result, _drawdownTrough);
        return [.. result];
    }

    /// <summary>The full curve when it was requested, otherwise <c>null</c>.</summary>
    public EquityPoint[]? Full() => _full?.ToArray();

    private static void Insert(List<EquityPoint> points, EquityPoint? point)
    {
        if (point is not { } p)
        {
            return;
        }

        var index = points.BinarySearch(p, TimestampComparer.Instance);
        if (index < 0)
        {
            points.Insert(~index, p);
        }
    }

    private void Change(long timestamp, decimal equity)
    {
        if (!_started)
        {
            _started = true;
            _pendingIsFirst = true;
            _pending = new EquityPoint(timestamp, equity);
            return;
        }

        if (timestamp == _pending.Timestamp)
        {
            _pending = new EquityPoint(timestamp, equity);
            return;
        }

        // The pending point is final now; it is the last of its bucket when the new point opens another.
        var keep = _pendingIsFirst || Bucket(timestamp) != Bucket(_pending.Timestamp);
        Finalise(_pending, keep);
        _pendingIsFirst = false;
        _pending = new EquityPoint(timestamp, equity);
    }

    private void Finalise(EquityPoint point, bool keep)
    {
        _full?.Add(point);
        if (keep)
        {
            _kept.Add(point);
        }

        // The same arithmetic as MetricsCalculator.MaxDrawdown, so the pair reproduces its value exactly.
        if (point.Equity > _peak)
        {
            _peak = point.Equity;
            _peakPoint = point;
        }
        else if (_peak > 0)
        {
            var drawdown = (double)((_peak - point.Equity) / _peak);
            if (drawdown > _worst)
            {
                _worst = drawdown;
                _drawdownPeak = _peakPoint;
                _drawdownTrough = point;
            }
        }
    }

    private long Bucket(long timestamp) => (long)Math.Floor(timestamp / (double)_resolution);

    private sealed class TimestampComparer : IComparer<EquityPoint>
    {
        public static readonly TimestampComparer Instance = new();

        public int Compare(EquityPoint x, EquityPoint y) => x.Timestamp.CompareTo(y.Timestamp);
    }
}
