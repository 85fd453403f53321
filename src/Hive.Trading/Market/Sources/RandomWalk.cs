namespace Hive.Trading.Market.Sources;

/// <summary>
/// One symbol's seeded geometric random walk. Its own generator (SplitMix64 and Box–Muller) rather than
/// <see cref="Random"/>, so that a seed gives the same series on every runtime version. Each bar is four sub-steps of
/// the walk: open is the previous close, high and low are the extremes of the path, close its end.
/// </summary>
internal sealed class RandomWalk
{
    private const int SubSteps = 4;
    private readonly string _symbol;
    private readonly RandomWalkOptions _options;
    private readonly double _subSigma;
    private readonly double _subDrift;
    private ulong _state;
    private double _spare;
    private bool _hasSpare;
    private double _price;
    private long _openTime;

    public RandomWalk(string symbol, int symbolIndex, RandomWalkOptions options)
    {
        _symbol = symbol;
        _options = options;
        _state = unchecked(((ulong)(uint)options.Seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(symbolIndex + 1) * 0xD1B54A32D192ED03UL));
        _subSigma = options.Volatility / Math.Sqrt(SubSteps);
        _subDrift = (options.Drift / SubSteps) - (_subSigma * _subSigma / 2);
        _price = options.StartPrice;
        _openTime = options.StartTime;
    }

    public Candle Next()
    {
        var open = _price;
        var high = open;
        var low = open;
        var price = open;
        for (var i = 0; i < SubSteps; i++)
        {
            price *= Math.Exp(_subDrift + (_subSigma * NextGaussian()));
            high = Math.Max(high, price);
            low = Math.Min(low, price);
        }

        _price = price;
        var volume = Math.Round(100 * (1 + Math.Abs(NextGaussian())), 3);
        var candle = new Candle(_symbol, _openTime, _openTime + _options.IntervalMs - 1,
            Round(open), Round(high), Round(low), Round(price), volume);
        _openTime += _options.IntervalMs;
        return candle;
    }

    public Quote QuoteAt(in Candle candle)
    {
        var half = candle.Close * _options.SpreadBps / 20_000;
        return new Quote(_symbol, candle.CloseTime, Round(candle.Close - half), 10, Round(candle.Close + half), 10);
    }

    // Eight significant digits, as an exchange would print them; keeps decimal conversions exact.
    private static double Round(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var digits = 8 - (int)Math.Floor(Math.Log10(Math.Abs(value))) - 1;
        return Math.Round(value, Math.Clamp(digits, 0, 15));
    }

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private double NextUniform() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    private double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        var u1 = NextUniform();
        var u2 = NextUniform();
        var r = Math.Sqrt(-2 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }
}
