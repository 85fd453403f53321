namespace Hive.Binance.Rest;

/// <summary>A new spot order (MARKET or LIMIT).</summary>
/// <param name="Symbol">Symbol, upper case.</param>
/// <param name="Side">Side.</param>
/// <param name="Type">MARKET or LIMIT.</param>
/// <param name="Quantity">Base quantity.</param>
/// <param name="Price">Limit price; required for LIMIT, ignored for MARKET.</param>
/// <param name="ClientOrderId">Client order id (<c>newClientOrderId</c>), used to reconcile an unknown outcome;
/// generated when <c>null</c>. Binance allows 1–36 characters of <c>A-Z a-z 0-9 . : / _ -</c>.</param>
/// <param name="TimeInForce">LIMIT time in force (<c>GTC</c>, <c>IOC</c>, <c>FOK</c>); GTC when <c>null</c>.</param>
public sealed record BinanceNewOrder(
    string Symbol,
    BinanceOrderSide Side,
    BinanceOrderType Type,
    decimal Quantity,
    decimal? Price = null,
    string? ClientOrderId = null,
    string? TimeInForce = null);
