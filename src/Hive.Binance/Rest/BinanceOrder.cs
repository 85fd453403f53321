namespace Hive.Binance.Rest;

/// <summary>An order as Binance reports it (new, query, cancel and open-orders responses).</summary>
/// <param name="Symbol">Symbol.</param>
/// <param name="OrderId">Exchange order id.</param>
/// <param name="ClientOrderId">Client order id.</param>
/// <param name="Side">Side.</param>
/// <param name="Type">Type.</param>
/// <param name="Status">Status.</param>
/// <param name="Price">Limit price (0 for market orders).</param>
/// <param name="OriginalQuantity">Ordered quantity.</param>
/// <param name="ExecutedQuantity">Filled quantity.</param>
/// <param name="CumulativeQuoteQuantity">Quote quantity filled so far.</param>
/// <param name="TimeInForce">Time in force, when reported.</param>
/// <param name="Time">Transaction or creation time, ms.</param>
public sealed record BinanceOrder(
    string Symbol,
    long OrderId,
    string ClientOrderId,
    BinanceOrderSide Side,
    BinanceOrderType Type,
    BinanceOrderStatus Status,
    decimal Price,
    decimal OriginalQuantity,
    decimal ExecutedQuantity,
    decimal CumulativeQuoteQuantity,
    string? TimeInForce,
    long Time);
