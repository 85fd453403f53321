using Orleans;

namespace Hive.Grains.Feeds;

/// <summary>
/// Keeps the running feeds running (key <see cref="DefaultKey"/>): it holds the symbols whose feeds were started and
/// not stopped, and every check calls each of them, so that a feed whose silo died is activated again on a surviving
/// live silo, where it resumes publishing on the same stream (its runners keep their subscriptions, which the stream
/// hub stores). Every silo's <see cref="FeedWatchdogService"/> asks for a check periodically.
/// </summary>
[Alias("hive.feed-watchdog")]
public interface IFeedWatchdogGrain : IGrainWithStringKey
{
    /// <summary>The key of the cluster's watchdog.</summary>
    const string DefaultKey = "feeds";

    /// <summary>Watches the feed of <paramref name="symbol"/>.</summary>
    [Alias("WatchAsync")]
    Task WatchAsync(string symbol);

    /// <summary>Stops watching the feed of <paramref name="symbol"/> (it was stopped or drained).</summary>
    [Alias("UnwatchAsync")]
    Task UnwatchAsync(string symbol);

    /// <summary>Calls every watched feed; returns the symbols whose feeds are not running, with why.</summary>
    [Alias("CheckAsync")]
    Task<IReadOnlyList<string>> CheckAsync();

    /// <summary>The watched symbols.</summary>
    [Alias("GetWatchedAsync")]
    Task<IReadOnlyList<string>> GetWatchedAsync();
}
