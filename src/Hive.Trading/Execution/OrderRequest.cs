namespace Hive.Trading.Execution;

/// <summary>
/// An order a runner sends through pre-trade risk to its <see cref="IOrderRouter"/>. Quantities and prices are
/// <see cref="decimal"/>: this is where money starts to be booked.
/// </summary>
/// <param name="ClientOrderId">Idempotency key chosen by the runner (<c>runnerId-sequence</c>), unique per runner.</param>
/// <param name="RunnerId">The runner that owns the order.</param>
/// <param name="Symbol">Exchange symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Positive quantity.</param>
/// <param name="Type">Market, stop or limit.</param>
/// <param name="Price">Trigger or limit price for <see cref="OrderType.Stop"/> and <see cref="OrderType.Limit"/>; <c>null</c> for market orders.</param>
/// <param name="ReduceOnly">Whether the order may only reduce the runner's position (exits, stop-loss, take-profit).</param>
/// <param name="Timestamp">Event time at which the order is sent, Unix epoch milliseconds (UTC).</param>
/// <param name="Reason">Why the order is sent: <c>strategy</c>, <c>stop_loss</c>, <c>take_profit</c>, <c>end_of_data</c>, <c>kill_switch</c>.</param>
public readonly record struct OrderRequest(
    string ClientOrderId,
    string RunnerId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    OrderType Type,
    decimal? Price,
    bool ReduceOnly,
    long Timestamp,
    string Reason)
{
    /// <summary>The signed quantity: positive for buys, negative for sells.</summary>
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;
}
