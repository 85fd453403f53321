using Hive.Trading.Market;

namespace Hive.Binance.Streams;

/// <summary>An <c>aggTrade</c> event.</summary>
/// <param name="Symbol">Symbol, upper case (<c>s</c>).</param>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="AggregateTradeId">Aggregate trade id (<c>a</c>).</param>
/// <param name="Price">Price (<c>p</c>).</param>
/// <param name="Quantity">Quantity (<c>q</c>).</param>
/// <param name="FirstTradeId">First trade id (<c>f</c>).</param>
/// <param name="LastTradeId">Last trade id (<c>l</c>).</param>
/// <param name="TradeTime">Trade time, ms (<c>T</c>).</param>
/// <param name="BuyerIsMaker">Whether the buyer is the market maker (<c>m</c>).</param>
public readonly record struct BinanceAggTrade(
    string Symbol,
    long EventTime,
    long AggregateTradeId,
    double Price,
    double Quantity,
    long FirstTradeId,
    long LastTradeId,
    long TradeTime,
    bool BuyerIsMaker)
{
    /// <summary>The aggregate trade as a trading-core tick (its id is the aggregate id).</summary>
    public TradeTick ToTradeTick() => new(Symbol, TradeTime, AggregateTradeId, Price, Quantity, BuyerIsMaker);
}
