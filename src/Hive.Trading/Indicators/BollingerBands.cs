using Hive.Trading.Strategies;

namespace Hive.Trading.Indicators;

/// <summary>
/// Bollinger Bands over the last <see cref="Period"/> values: middle = simple average, σ = population standard
/// deviation, upper/lower = middle ± k·σ, bandwidth = (upper − lower) / middle as a fraction (LEAN reports it ×100),
/// %B = (value − lower) / (upper − lower), 0.5 when the bands are flat (every value equals the middle).
/// Sums are kept relative to a shift (a recent mean) so prices far from zero lose no precision to cancellation, and
/// are recomputed exactly from the ring every <see cref="Period"/> updates (amortised O(1), no allocation).
/// </summary>
public sealed class BollingerBands
{
    private readonly double[] _ring;
    private int _next;
    private double _shift;
    private double _sum;
    private double _sumOfSquares;
    private double _last;

    /// <summary>Creates bands over <paramref name="period"/> values, <paramref name="k"/> standard deviations wide.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive, or <paramref name="k"/> is not a positive number.</exception>
    public BollingerBands(int period, double k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (!(k > 0) || double.IsInfinity(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "The width in standard deviations must be a positive number.");
        }

        _ring = new double[period];
        K = k;
    }

    /// <summary>Number of values in the window.</summary>
    public int Period => _ring.Length;

    /// <summary>Band width in standard deviations.</summary>
    public double K { get; }

    /// <summary>Values seen since creation or the last <see cref="Reset"/>.</summary>
    public long Samples { get; private set; }

    /// <summary>Whether <see cref="Period"/> values have been seen.</summary>
    public bool IsReady => Samples >= _ring.Length;

    /// <summary>Simple average of the window; <see cref="double.NaN"/> until ready.</summary>
    public double Middle => IsReady ? _shift + (_sum / _ring.Length) : double.NaN;

    /// <summary>Population standard deviation of the window; <see cref="double.NaN"/> until ready.</summary>
    public double StandardDeviation
    {
        get
        {
            if (!IsReady)
            {
                return double.NaN;
            }

            var n = _ring.Length;
            var variance = (_sumOfSquares - (_sum * _sum / n)) / n;
            return variance > 0 ? Math.Sqrt(variance) : 0.0;
        }
    }

    /// <summary>Middle + k·σ; <see cref="double.NaN"/> until ready.</summary>
    public double Upper => Middle + (K * StandardDeviation);

    /// <summary>Middle − k·σ; <see cref="double.NaN"/> until ready.</summary>
    public double Lower => Middle - (K * StandardDeviation);

    /// <summary>(Upper − lower) / middle, a fraction; <see cref="double.NaN"/> until ready.</summary>
    public double Bandwidth => 2 * K * StandardDeviation / Middle;

    /// <summary>(Last value − lower) / (upper − lower); 0.5 when the bands are flat; <see cref="double.NaN"/> until ready.</summary>
    public double PercentB
    {
        get
        {
            var sigma = StandardDeviation;
            return sigma > 0 ? (_last - (Middle - (K * sigma))) / (2 * K * sigma) : IsReady ? 0.5 : double.NaN;
        }
    }

    /// <summary>All five readings at once (one square root); <c>null</c> until ready.</summary>
    public BollingerValue? Current
    {
        get
        {
            if (!IsReady)
            {
                return null;
            }

            var middle = Middle;
            var sigma = StandardDeviation;
            var half = K * sigma;
            var upper = middle + half;
            var lower = middle - half;
            return new BollingerValue(upper, middle, lower, 2 * half / middle, sigma > 0 ? (_last - lower) / (2 * half) : 0.5);
        }
    }

    /// <summary>Adds the next value and returns <see cref="IsReady"/>.</summary>
    public bool Update(double value)
    {
        if (Samples == 0)
        {
            _shift = value;
        }

        if (Samples >= _ring.Length)
        {
            var leaving = _ring[_next] - _shift;
            _sum -= leaving;
            _sumOfSquares -= leaving * leaving;
        }

        _ring[_next] = value;
        _last = value;
        var entering = value - _shift;
        _sum += entering;
        _sumOfSquares += entering * entering;
        Samples++;
        if (++_next == _ring.Length)
        {
            _next = 0;
            Recompute();
        }

        return IsReady;
    }

    /// <summary>Forgets every value seen.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _next = 0;
        _shift = 0;
        _sum = 0;
        _sumOfSquares = 0;
        _last = 0;
        Samples = 0;
    }

    private void Recompute()
    {
        var mean = 0.0;
        foreach (var value in _ring)
        {
            mean += value;
        }

        _shift = mean / _ring.Length;
        _sum = 0;
        _sumOfSquares = 0;
        foreach (var value in _ring)
        {
            var d = value - _shift;
            _sum += d;
            _sumOfSquares += d * d;
        }
    }
}
