namespace Hive.Binance.Streams;

/// <summary>
/// The header of a diff depth (<c>depthUpdate</c>) event; its price levels are in
/// <see cref="BinanceStreamParser.Bids"/> and <see cref="BinanceStreamParser.Asks"/> until the next parse.
/// </summary>
/// <param name="Symbol">Symbol, upper case (<c>s</c>).</param>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="TransactionTime">Transaction time, ms (<c>T</c>, futures only), else 0.</param>
/// <param name="FirstUpdateId">First update id in the event (<c>U</c>).</param>
/// <param name="FinalUpdateId">Final update id in the event (<c>u</c>).</param>
/// <param name="PreviousFinalUpdateId">Final update id of the previous event (<c>pu</c>, futures only), else -1.</param>
public readonly record struct BinanceDepthUpdate(
    string Symbol,
    long EventTime,
    long TransactionTime,
    long FirstUpdateId,
    long FinalUpdateId,
    long PreviousFinalUpdateId);
