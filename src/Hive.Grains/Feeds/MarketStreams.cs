using Orleans.Runtime;

namespace Hive.Grains.Feeds;

/// <summary>Where market data flows: the stream <c>market/SYMBOL</c> of the stream provider <see cref="ProviderName"/>.</summary>
public static class MarketStreams
{
    /// <summary>The stream provider market data uses.</summary>
    public const string ProviderName = "market";

    /// <summary>The stream namespace of market data.</summary>
    public const string Namespace = "market";

    /// <summary>The stream of <paramref name="symbol"/>'s market events.</summary>
    public static StreamId For(string symbol) => StreamId.Create(Namespace, symbol);
}
