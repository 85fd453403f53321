namespace Hive.Trading.Market;

/// <summary>What a <see cref="MarketEvent"/> carries.</summary>
public enum MarketEventKind : byte
{
    /// <summary>A candle (closed, or still forming on a live feed).</summary>
    Candle,

    /// <summary>A best bid/ask update.</summary>
    Quote,

    /// <summary>A trade.</summary>
    Trade,

    /// <summary>
    /// The source lost data between the previous event and this one (a reconnect, a missed sequence number). Runners see
    /// it so that a strategy can distrust indicators computed across the hole.
    /// </summary>
    Gap,
}
