namespace Hive.Trading.Market;

/// <summary>Best bid and ask with their sizes (Binance <c>bookTicker</c>).</summary>
/// <param name="Symbol">Exchange symbol in upper case.</param>
/// <param name="Timestamp">Event time, Unix epoch milliseconds (UTC).</param>
/// <param name="BidPrice">Best bid price.</param>
/// <param name="BidQuantity">Quantity resting at the best bid.</param>
/// <param name="AskPrice">Best ask price.</param>
/// <param name="AskQuantity">Quantity resting at the best ask.</param>
public readonly record struct Quote(
    string Symbol,
    long Timestamp,
    double BidPrice,
    double BidQuantity,
    double AskPrice,
    double AskQuantity)
{
    /// <summary>Mid price, halfway between bid and ask.</summary>
    public double MidPrice => (BidPrice + AskPrice) / 2;
}
