namespace Hive.Trading.Indicators;

/// <summary>
/// The extreme of the last <c>period</c> values by a monotonic deque: each value enters once and leaves once, so an
/// update is amortised O(1) and allocates nothing (the deque's ring is sized at construction).
/// </summary>
internal sealed class MonotonicWindow
{
    private readonly double[] _values;
    private readonly long[] _sequence;
    private readonly bool _maximum;
    private int _head;
    private int _count;

    public MonotonicWindow(int period, bool maximum, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period, parameterName);
        _values = new double[period];
        _sequence = new long[period];
        _maximum = maximum;
    }

    public int Period => _values.Length;

    public long Samples { get; private set; }

    public bool IsReady => Samples >= _values.Length;

    public double Value => IsReady ? _values[_head] : double.NaN;

    /// <summary>The extreme of the values seen so far within the period, ready or not; NaN before the first.</summary>
    public double Current => _count > 0 ? _values[_head] : double.NaN;

    public bool Update(double value)
    {
        var period = _values.Length;
        if (_count > 0 && _sequence[_head] <= Samples - period)
        {
            _head = _head + 1 == period ? 0 : _head + 1;
            _count--;
        }

        while (_count > 0)
        {
            var back = _head + _count - 1;
            if (back >= period)
            {
                back -= period;
            }

            if (_maximum ? _values[back] > value : _values[back] < value)
            {
                break;
            }

            _count--;
        }

        var slot = _head + _count;
        if (slot >= period)
        {
            slot -= period;
        }

        _values[slot] = value;
        _sequence[slot] = Samples;
        _count++;
        Samples++;
        return Samples >= period;
    }

    public void Reset()
    {
        _head = 0;
        _count = 0;
        Samples = 0;
    }
}
