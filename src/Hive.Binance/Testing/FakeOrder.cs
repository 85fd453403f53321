using System.Globalization;

namespace Hive.Binance.Testing;

/// <summary>An order held by the <see cref="FakeBinanceServer"/>.</summary>
/// <param name="Symbol">Symbol.</param>
/// <param name="OrderId">Exchange id.</param>
/// <param name="ClientOrderId">Client order id.</param>
/// <param name="Side">BUY or SELL.</param>
/// <param name="Type">MARKET or LIMIT.</param>
/// <param name="Status">NEW, FILLED or CANCELED.</param>
/// <param name="Price">Limit price, 0 for market.</param>
/// <param name="Quantity">Ordered quantity.</param>
/// <param name="Executed">Filled quantity.</param>
/// <param name="QuoteExecuted">Filled quote quantity.</param>
/// <param name="TimeInForce">Time in force of a limit order.</param>
/// <param name="Time">Creation time, ms.</param>
public sealed record FakeOrder(
    string Symbol, long OrderId, string ClientOrderId, string Side, string Type, string Status, decimal Price, decimal Quantity,
    decimal Executed, decimal QuoteExecuted, string? TimeInForce, long Time)
{
    /// <summary>The order as Binance's order JSON (with a field clients do not know, which they must ignore).</summary>
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"symbol\":\"{Symbol}\",\"orderId\":{OrderId},\"orderListId\":-1,\"clientOrderId\":\"{ClientOrderId}\",\"transactTime\":{Time},\"price\":\"{Price:F8}\",\"origQty\":\"{Quantity:F8}\",\"executedQty\":\"{Executed:F8}\",\"cummulativeQuoteQty\":\"{QuoteExecuted:F8}\",\"status\":\"{Status}\",\"timeInForce\":\"{TimeInForce ?? "GTC"}\",\"type\":\"{Type}\",\"side\":\"{Side}\",\"workingTime\":{Time},\"selfTradePreventionMode\":\"NONE\"}}");
}
