namespace Hive.Trading.Execution;

/// <summary>An executed order (paper or exchange).</summary>
/// <param name="ClientOrderId">The order's client order ID.</param>
/// <param name="RunnerId">The runner that owns the order.</param>
/// <param name="Symbol">Exchange symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Filled quantity.</param>
/// <param name="Price">Fill price, slippage included.</param>
/// <param name="Fee">Fee paid in quote currency.</param>
/// <param name="Timestamp">Fill time, Unix epoch milliseconds (UTC).</param>
public readonly record struct Fill(
    string ClientOrderId,
    string RunnerId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    long Timestamp);
