namespace Hive.Runtime.Streams;

/// <summary>A stored subscription: one grain subscribed to one stream.</summary>
public sealed record StreamSubscription(Guid Id, StreamId StreamId, GrainId Subscriber);
