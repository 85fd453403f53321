using Hive.Runtime;

namespace Hive.Grains.Feeds;

/// <summary>
/// The one publisher of a symbol's market data (key = symbol): reads its source and pushes events onto the stream
/// <c>market/SYMBOL</c>. Placed on a <c>live</c> silo.
/// </summary>
public interface IMarketFeedGrain : IGrainWithStringKey
{
    /// <summary>Starts publishing; starting a running feed with the same definition is a no-op.</summary>
    Task<FeedStatus> StartAsync(FeedDefinition definition);

    /// <summary>Stops publishing.</summary>
    Task StopAsync();

    /// <summary>The feed's state.</summary>
    Task<FeedStatus> GetStatusAsync();
}
