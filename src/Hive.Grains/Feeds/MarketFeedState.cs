namespace Hive.Grains.Feeds;

/// <summary>What a market feed persists: its definition, whether it should run, and where it got to.</summary>
internal sealed class MarketFeedState
{
    public FeedDefinition? Definition { get; set; }

    public bool Running { get; set; }

    public long EventsPublished { get; set; }

    /// <summary>Event time of the last event published; a restarted feed skips what it already published.</summary>
    public long LastEventTime { get; set; }

    /// <summary>Close of the last candle published; a simulated feed continues its walk from it.</summary>
    public double LastPrice { get; set; }
}
