namespace Hive.Binance.Streams;

/// <summary>A <c>24hrTicker</c> event: rolling 24 h statistics of one symbol.</summary>
/// <param name="Symbol">Symbol (<c>s</c>).</param>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="PriceChange">Price change (<c>p</c>).</param>
/// <param name="PriceChangePercent">Price change, percent (<c>P</c>).</param>
/// <param name="WeightedAveragePrice">Weighted average price (<c>w</c>).</param>
/// <param name="FirstTradeBeforeWindowPrice">Last price before the window (<c>x</c>).</param>
/// <param name="LastPrice">Last price (<c>c</c>).</param>
/// <param name="LastQuantity">Last quantity (<c>Q</c>).</param>
/// <param name="BidPrice">Best bid price (<c>b</c>).</param>
/// <param name="BidQuantity">Best bid quantity (<c>B</c>).</param>
/// <param name="AskPrice">Best ask price (<c>a</c>).</param>
/// <param name="AskQuantity">Best ask quantity (<c>A</c>).</param>
/// <param name="OpenPrice">Open price (<c>o</c>).</param>
/// <param name="HighPrice">High price (<c>h</c>).</param>
/// <param name="LowPrice">Low price (<c>l</c>).</param>
/// <param name="BaseVolume">Base asset volume (<c>v</c>).</param>
/// <param name="QuoteVolume">Quote asset volume (<c>q</c>).</param>
/// <param name="OpenTime">Window open time, ms (<c>O</c>).</param>
/// <param name="CloseTime">Window close time, ms (<c>C</c>).</param>
/// <param name="FirstTradeId">First trade id (<c>F</c>).</param>
/// <param name="LastTradeId">Last trade id (<c>L</c>).</param>
/// <param name="TradeCount">Number of trades (<c>n</c>).</param>
public readonly record struct BinanceTicker24h(
    string Symbol,
    long EventTime,
    double PriceChange,
    double PriceChangePercent,
    double WeightedAveragePrice,
    double FirstTradeBeforeWindowPrice,
    double LastPrice,
    double LastQuantity,
    double BidPrice,
    double BidQuantity,
    double AskPrice,
    double AskQuantity,
    double OpenPrice,
    double HighPrice,
    double LowPrice,
    double BaseVolume,
    double QuoteVolume,
    long OpenTime,
    long CloseTime,
    long FirstTradeId,
    long LastTradeId,
    long TradeCount);
