namespace Hive.Grains.Streaming;

/// <summary>
/// Thrown by a subscriber's consumer extension when it did not hand an event to an observer, so that a delivery that
/// succeeds returns Orleans' shared completed response and allocates no result.
/// </summary>
[GenerateSerializer]
[Alias("hive.streams.MarketStreamDeliveryException")]
internal sealed class MarketStreamDeliveryException : Exception
{
    public MarketStreamDeliveryException()
    {
    }

    public MarketStreamDeliveryException(string message)
        : base(message)
    {
    }

    public MarketStreamDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MarketStreamDeliveryException(DeliveryOutcome outcome, Guid handleId)
        : base($"Subscription handle {handleId} was not delivered to: {outcome}.")
    {
        Outcome = outcome;
    }

    [Id(0)]
    public DeliveryOutcome Outcome { get; private set; }
}
