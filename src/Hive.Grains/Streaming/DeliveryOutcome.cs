namespace Hive.Grains.Streaming;

/// <summary>What a subscriber's consumer extension did with one delivery.</summary>
[GenerateSerializer]
[Alias("hive.streams.DeliveryOutcome")]
internal enum DeliveryOutcome : byte
{
    /// <summary>The observer took the event (its <c>OnNextAsync</c> completed).</summary>
    Delivered = 0,

    /// <summary>This activation has no observer for the handle (new activation that has not resumed it yet).</summary>
    UnknownHandle = 1,

    /// <summary>The observer threw; the subscriber logged the exception.</summary>
    ObserverFailed = 2,

    /// <summary>The handle was resumed with an observer of another item type.</summary>
    TypeMismatch = 3,
}
