namespace Hive.Trading.Market.Sources;

/// <summary>Parameters of a <see cref="RandomWalkMarketDataSource"/>.</summary>
public sealed record RandomWalkOptions
{
    /// <summary>Seed; the same seed and options give the same candles on every machine.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Price of every symbol's first open.</summary>
    public double StartPrice { get; init; } = 100;

    /// <summary>Standard deviation of one bar's log return (0.002 = 0.2 % per bar).</summary>
    public double Volatility { get; init; } = 0.002;

    /// <summary>Mean log return per bar.</summary>
    public double Drift { get; init; }

    /// <summary>Bar length in milliseconds.</summary>
    public long IntervalMs { get; init; } = 60_000;

    /// <summary>Open time of the first bar, Unix epoch milliseconds (UTC); default 2026-01-01T00:00Z.</summary>
    public long StartTime { get; init; } = 1_767_225_600_000;

    /// <summary>Bars per symbol; <c>null</c> for an endless stream.</summary>
    public long? Bars { get; init; } = 1_000;

    /// <summary>Whether a quote (close ± half the spread) precedes each candle.</summary>
    public bool Quotes { get; init; }

    /// <summary>Quoted spread in basis points of the price.</summary>
    public double SpreadBps { get; init; } = 2;

    /// <summary>0 for as fast as possible; otherwise the multiple of real time.</summary>
    public double Speed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(StartPrice > 0) || !double.IsFinite(StartPrice))
        {
            throw new ArgumentException($"Random walk start price must be positive, got {StartPrice}.");
        }

        if (!(Volatility >= 0) || Volatility > 0.5)
        {
            throw new ArgumentException($"Random walk volatility must be between 0 and 0.5 per bar, got {Volatility}.");
        }

        if (!double.IsFinite(Drift) || Math.Abs(Drift) > 0.5)
        {
            throw new ArgumentException($"Random walk drift must be between -0.5 and 0.5 per bar, got {Drift}.");
        }

        if (IntervalMs <= 0)
        {
            throw new ArgumentException($"Random walk interval must be positive, got {IntervalMs} ms.");
        }

        if (Bars is < 0)
        {
            throw new ArgumentException($"Random walk bar count must not be negative, got {Bars}.");
        }

        if (!(SpreadBps >= 0) || SpreadBps >= 10_000)
        {
            throw new ArgumentException($"Random walk spread must be between 0 and 10000 bps, got {SpreadBps}.");
        }

        if (!(Speed >= 0) || !double.IsFinite(Speed))
        {
            throw new ArgumentException($"Random walk speed must be 0 or positive, got {Speed}.");
        }
    }
}
