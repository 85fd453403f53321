using Hive.Trading.Market;

namespace Hive.Binance.Streams;

/// <summary>A <c>trade</c> event.</summary>
/// <param name="Symbol">Symbol, upper case (<c>s</c>).</param>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="TradeId">Trade id (<c>t</c>).</param>
/// <param name="Price">Price (<c>p</c>).</param>
/// <param name="Quantity">Quantity (<c>q</c>).</param>
/// <param name="BuyerOrderId">Buyer order id (<c>b</c>), 0 when absent.</param>
/// <param name="SellerOrderId">Seller order id (<c>a</c>), 0 when absent.</param>
/// <param name="TradeTime">Trade time, ms (<c>T</c>).</param>
/// <param name="BuyerIsMaker">Whether the buyer is the market maker (<c>m</c>).</param>
public readonly record struct BinanceTrade(
    string Symbol,
    long EventTime,
    long TradeId,
    double Price,
    double Quantity,
    long BuyerOrderId,
    long SellerOrderId,
    long TradeTime,
    bool BuyerIsMaker)
{
    /// <summary>The trade as a trading-core tick.</summary>
    public TradeTick ToTradeTick() => new(Symbol, TradeTime, TradeId, Price, Quantity, BuyerIsMaker);
}
