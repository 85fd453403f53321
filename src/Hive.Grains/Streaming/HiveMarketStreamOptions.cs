namespace Hive.Grains.Streaming;

/// <summary>
/// Options of one Hive "market" stream provider, named by the provider name given to
/// <see cref="HiveMarketStreamsHostingExtensions.AddHiveMarketStreams(Orleans.Hosting.ISiloBuilder, string, Action{HiveMarketStreamOptions}?)"/>.
/// </summary>
public sealed class HiveMarketStreamOptions
{
    /// <summary>The configuration key that selects the provider implementation: <c>market</c> (default) or <c>memory</c>.</summary>
    public const string ProviderConfigurationKey = "Hive:Streams:Provider";

    /// <summary>The storage name Orleans' memory streams read their subscriptions from, and the default here.</summary>
    public const string DefaultStorageName = "PubSubStore";

    /// <summary>
    /// The grain storage (registered by the host under this name) that keeps each stream's subscriptions durably.
    /// </summary>
    public string StorageName { get; set; } = DefaultStorageName;

    /// <summary>
    /// How many times the hub tries to deliver one event to one subscriber when the call itself fails (silo gone,
    /// activation moving, timeout) before it gives up on that subscriber for that event. At least 1.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 10;

    /// <summary>The wait before the second delivery attempt; it doubles for each further attempt.</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest wait between two delivery attempts.</summary>
    public TimeSpan MaxDeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The poll period of Orleans' memory streams when <see cref="ProviderConfigurationKey"/> is <c>memory</c>
    /// (Orleans' default is 100 ms). Unused by the push provider.
    /// </summary>
    public TimeSpan MemoryPollPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    /// <param name="providerName">The provider these options belong to, for the message.</param>
    public void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(StorageName))
        {
            throw new ArgumentException($"Stream provider '{providerName}': {nameof(StorageName)} is empty; name the grain storage that keeps subscriptions.");
        }

        if (MaxDeliveryAttempts < 1)
        {
            throw new ArgumentException($"Stream provider '{providerName}': {nameof(MaxDeliveryAttempts)} is {MaxDeliveryAttempts}; it must be at least 1.");
        }

        if (DeliveryRetryDelay <= TimeSpan.Zero || MaxDeliveryRetryDelay < DeliveryRetryDelay)
        {
            throw new ArgumentException($"Stream provider '{providerName}': {nameof(DeliveryRetryDelay)} ({DeliveryRetryDelay}) must be positive and at most {nameof(MaxDeliveryRetryDelay)} ({MaxDeliveryRetryDelay}).");
        }

        if (MemoryPollPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Stream provider '{providerName}': {nameof(MemoryPollPeriod)} is {MemoryPollPeriod}; it must be positive.");
        }
    }
}
