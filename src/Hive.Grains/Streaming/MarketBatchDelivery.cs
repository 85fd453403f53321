using Orleans.Concurrency;

namespace Hive.Grains.Streaming;

/// <summary>A batch for one subscription; <see cref="Sequence"/> numbers the hub's publishes (for batch tokens).</summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.streams.MarketBatchDelivery`1")]
internal readonly record struct MarketBatchDelivery<T>([property: Id(0)] Guid HandleId, [property: Id(1)] T[] Items, [property: Id(2)] long Sequence);
