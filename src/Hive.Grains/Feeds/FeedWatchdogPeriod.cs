namespace Hive.Grains.Feeds;

/// <summary>How often a silo asks the feed watchdog for a check (zero: never).</summary>
internal sealed record FeedWatchdogPeriod(TimeSpan Value);
