namespace Hive.Trading.Market;

/// <summary>
/// What a strategy sees on each update (the <c>market_data</c> table of the Lua contract): the latest bar of the runner's
/// symbol together with the best bid and ask. When the feed carries no quotes, bid and ask equal the close and their
/// quantities are zero.
/// </summary>
/// <param name="Symbol">Exchange symbol in upper case.</param>
/// <param name="Timestamp">Event time, Unix epoch milliseconds (UTC).</param>
/// <param name="Open">Open of the current bar.</param>
/// <param name="High">High of the current bar.</param>
/// <param name="Low">Low of the current bar.</param>
/// <param name="Close">Close (last price) of the current bar.</param>
/// <param name="Volume">Volume of the current bar.</param>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask.</param>
/// <param name="BidQuantity">Quantity at the best bid.</param>
/// <param name="AskQuantity">Quantity at the best ask.</param>
public readonly record struct MarketData(
    string Symbol,
    long Timestamp,
    double Open,
    double High,
    double Low,
    double Close,
    double Volume,
    double Bid,
    double Ask,
    double BidQuantity = 0,
    double AskQuantity = 0)
{
    /// <summary>Mid price, halfway between bid and ask.</summary>
    public double MidPrice => (Bid + Ask) / 2;

    /// <summary>Market data for a candle with no quote: bid and ask are the close.</summary>
    public static MarketData FromCandle(in Candle candle) => new(
        candle.Symbol, candle.CloseTime, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume,
        candle.Close, candle.Close);
}
