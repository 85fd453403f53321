using Hive.Trading.Market;

namespace Hive.Binance.Streams;

/// <summary>A <c>kline</c> stream event with every documented field.</summary>
/// <param name="Symbol">Symbol, upper case (<c>s</c>).</param>
/// <param name="Interval">Interval (<c>k.i</c>), for example <c>1m</c>.</param>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="OpenTime">Kline start time, ms (<c>k.t</c>).</param>
/// <param name="CloseTime">Kline close time, ms (<c>k.T</c>).</param>
/// <param name="FirstTradeId">First trade id (<c>k.f</c>).</param>
/// <param name="LastTradeId">Last trade id (<c>k.L</c>).</param>
/// <param name="Open">Open price (<c>k.o</c>).</param>
/// <param name="Close">Close price (<c>k.c</c>).</param>
/// <param name="High">High price (<c>k.h</c>).</param>
/// <param name="Low">Low price (<c>k.l</c>).</param>
/// <param name="Volume">Base asset volume (<c>k.v</c>).</param>
/// <param name="TradeCount">Number of trades (<c>k.n</c>).</param>
/// <param name="IsClosed">Whether the kline is closed (<c>k.x</c>).</param>
/// <param name="QuoteVolume">Quote asset volume (<c>k.q</c>).</param>
/// <param name="TakerBuyBaseVolume">Taker buy base asset volume (<c>k.V</c>).</param>
/// <param name="TakerBuyQuoteVolume">Taker buy quote asset volume (<c>k.Q</c>).</param>
public readonly record struct BinanceKline(
    string Symbol,
    string Interval,
    long EventTime,
    long OpenTime,
    long CloseTime,
    long FirstTradeId,
    long LastTradeId,
    double Open,
    double Close,
    double High,
    double Low,
    double Volume,
    long TradeCount,
    bool IsClosed,
    double QuoteVolume,
    double TakerBuyBaseVolume,
    double TakerBuyQuoteVolume)
{
    /// <summary>The kline as a trading-core candle.</summary>
    public Candle ToCandle() => new(Symbol, OpenTime, CloseTime, Open, High, Low, Close, Volume, IsClosed);
}
