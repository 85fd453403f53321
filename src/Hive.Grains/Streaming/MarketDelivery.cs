using Orleans.Concurrency;

namespace Hive.Grains.Streaming;

/// <summary>
/// One item for one subscription, as the single argument of a delivery call: Orleans boxes each value-type argument
/// of every call once (its cancellation-token scan), so one argument costs one box instead of one per field.
/// Immutable: Orleans passes it without a deep copy inside a silo.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.streams.MarketDelivery`1")]
internal readonly record struct MarketDelivery<T>([property: Id(0)] Guid HandleId, [property: Id(1)] T Item);
