namespace Hive.Grains.Feeds;

/// <summary>Where a market feed's events come from.</summary>
public enum FeedSourceKind : byte
{
    /// <summary>A seeded random walk.</summary>
    Simulated,

    /// <summary>Recorded candle files replayed at real time × speed, or as fast as possible.</summary>
    Replay,

    /// <summary>Binance's live WebSocket streams.</summary>
    Binance,
}
