using Orleans;
namespace Hive.Grains.Feeds;

/// <summary>A feed's state.</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Source">Its source.</param>
/// <param name="Running">Whether it is publishing.</param>
/// <param name="EventsPublished">Events published so far.</param>
/// <param name="LastEventTime">Event time of the last event published, Unix epoch milliseconds (UTC).</param>
/// <param name="Silo">The silo hosting the feed.</param>
/// <param name="Error">Why the feed stopped, if it failed.</param>
[GenerateSerializer]
[Alias("hive.feed-status")]
public sealed record FeedStatus(string Symbol, FeedSourceKind Source, bool Running, long EventsPublished, long LastEventTime, string Silo, string? Error);
