namespace Hive.Trading.Execution;

/// <summary>The answer of an <see cref="IOrderRouter"/> to one order.</summary>
/// <param name="Status">Filled, pending or rejected.</param>
/// <param name="Fill">The fill when <paramref name="Status"/> is <see cref="OrderStatus.Filled"/>.</param>
/// <param name="RejectReason">Why the order was refused when <paramref name="Status"/> is <see cref="OrderStatus.Rejected"/>.</param>
public readonly record struct OrderOutcome(OrderStatus Status, Fill Fill, string? RejectReason)
{
    /// <summary>A filled order.</summary>
    public static OrderOutcome Filled(in Fill fill) => new(OrderStatus.Filled, fill, null);

    /// <summary>An order in flight.</summary>
    public static OrderOutcome Pending() => new(OrderStatus.Pending, default, null);

    /// <summary>A refused order.</summary>
    public static OrderOutcome Rejected(string reason) => new(OrderStatus.Rejected, default, reason);
}
