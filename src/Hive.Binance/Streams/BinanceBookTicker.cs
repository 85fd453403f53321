using Hive.Trading.Market;

namespace Hive.Binance.Streams;

/// <summary>A <c>bookTicker</c> event (best bid and ask).</summary>
/// <param name="Symbol">Symbol, upper case (<c>s</c>).</param>
/// <param name="UpdateId">Order book update id (<c>u</c>).</param>
/// <param name="BidPrice">Best bid price (<c>b</c>).</param>
/// <param name="BidQuantity">Best bid quantity (<c>B</c>).</param>
/// <param name="AskPrice">Best ask price (<c>a</c>).</param>
/// <param name="AskQuantity">Best ask quantity (<c>A</c>).</param>
/// <param name="EventTime">Event time, ms (<c>E</c>), 0 when the stream does not send it.</param>
/// <param name="TransactionTime">Transaction time, ms (<c>T</c>), 0 when the stream does not send it.</param>
public readonly record struct BinanceBookTicker(
    string Symbol,
    long UpdateId,
    double BidPrice,
    double BidQuantity,
    double AskPrice,
    double AskQuantity,
    long EventTime,
    long TransactionTime)
{
    /// <summary>The ticker as a trading-core quote stamped with the event time, or <paramref name="fallbackTime"/>.</summary>
    public Quote ToQuote(long fallbackTime) =>
        new(Symbol, EventTime != 0 ? EventTime : TransactionTime != 0 ? TransactionTime : fallbackTime, BidPrice, BidQuantity, AskPrice, AskQuantity);
}
