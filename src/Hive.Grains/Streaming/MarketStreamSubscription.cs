using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>One durable explicit subscription: the handle and the subscribing grain.</summary>
[GenerateSerializer]
[Alias("hive.streams.MarketStreamSubscription")]
internal sealed record MarketStreamSubscription([property: Id(0)] Guid HandleId, [property: Id(1)] GrainId Subscriber);
