namespace Hive.Grains.Feeds;

/// <summary>What the feed watchdog persists: the symbols whose feeds should be running.</summary>
internal sealed class FeedWatchdogState
{
    public SortedSet<string> Symbols { get; set; } = new(StringComparer.Ordinal);
}
