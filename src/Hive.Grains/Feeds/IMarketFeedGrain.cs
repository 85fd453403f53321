using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Feeds;

/// <summary>
/// The one publisher of a symbol's market data (key = symbol): reads its source and pushes events onto the stream
/// <c>market/SYMBOL</c>. Placed on a <c>live</c> silo.
/// </summary>
[Alias("hive.market-feed")]
public interface IMarketFeedGrain : IGrainWithStringKey
{
    /// <summary>Starts publishing; starting a running feed with the same definition is a no-op.</summary>
    [Alias("StartAsync")]
    Task<FeedStatus> StartAsync(FeedDefinition definition);

    /// <summary>Stops publishing.</summary>
    [Alias("StopAsync")]
    Task StopAsync();

    /// <summary>
    /// Stops publishing for a drain: returns once every event already published has been taken by every subscriber,
    /// and persists how far the feed got while keeping it marked running, so the next activation resumes after the
    /// last event (a feed stopped with <see cref="StopAsync"/> starts over instead).
    /// </summary>
    [Alias("DrainAsync")]
    Task DrainAsync();

    /// <summary>The feed's state; it interleaves with a start or drain in progress, so the watchdog's checks never wait on one.</summary>
    [Alias("GetStatusAsync")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<FeedStatus> GetStatusAsync();
}
