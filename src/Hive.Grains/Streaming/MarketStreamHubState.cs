namespace Hive.Grains.Streaming;

/// <summary>The durable state of one stream's hub: its explicit subscriptions, in subscription order.</summary>
[GenerateSerializer]
[Alias("hive.streams.MarketStreamHubState")]
internal sealed class MarketStreamHubState
{
    [Id(0)]
    public List<MarketStreamSubscription> Subscriptions { get; set; } = [];
}
