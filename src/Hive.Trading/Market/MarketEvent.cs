using System.Text.Json.Serialization;

namespace Hive.Trading.Market;

/// <summary>
/// One event of a market data stream: a tagged union over candle, quote, trade and gap, kept as a struct so that
/// sources and fan-out do not allocate per tick. Only the member named by <see cref="Kind"/> is meaningful.
/// </summary>
[JsonConverter(typeof(MarketEventJsonConverter))]
public readonly struct MarketEvent
{
    private MarketEvent(MarketEventKind kind, string symbol, long timestamp, Candle candle, Quote quote, TradeTick trade, string? reason)
    {
        Kind = kind;
        Symbol = symbol;
        Timestamp = timestamp;
        Candle = candle;
        Quote = quote;
        Trade = trade;
        GapReason = reason;
    }

    /// <summary>Which member is set.</summary>
    public MarketEventKind Kind { get; }

    /// <summary>Exchange symbol in upper case.</summary>
    public string Symbol { get; }

    /// <summary>Event time, Unix epoch milliseconds (UTC); for a candle, its close time.</summary>
    public long Timestamp { get; }

    /// <summary>The candle, when <see cref="Kind"/> is <see cref="MarketEventKind.Candle"/>.</summary>
    public Candle Candle { get; }

    /// <summary>The quote, when <see cref="Kind"/> is <see cref="MarketEventKind.Quote"/>.</summary>
    public Quote Quote { get; }

    /// <summary>The trade, when <see cref="Kind"/> is <see cref="MarketEventKind.Trade"/>.</summary>
    public TradeTick Trade { get; }

    /// <summary>Why data was lost, when <see cref="Kind"/> is <see cref="MarketEventKind.Gap"/>.</summary>
    public string? GapReason { get; }

    /// <summary>Wraps a candle.</summary>
    public static MarketEvent FromCandle(in Candle candle) =>
        new(MarketEventKind.Candle, candle.Symbol, candle.CloseTime, candle, default, default, null);

    /// <summary>Wraps a quote.</summary>
    public static MarketEvent FromQuote(in Quote quote) =>
        new(MarketEventKind.Quote, quote.Symbol, quote.Timestamp, default, quote, default, null);

    /// <summary>Wraps a trade.</summary>
    public static MarketEvent FromTrade(in TradeTick trade) =>
        new(MarketEventKind.Trade, trade.Symbol, trade.Timestamp, default, default, trade, null);

    /// <summary>Announces lost data on <paramref name="symbol"/> before <paramref name="timestamp"/>.</summary>
    public static MarketEvent FromGap(string symbol, long timestamp, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(MarketEventKind.Gap, symbol, timestamp, default, default, default, reason);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        MarketEventKind.Candle => Candle.ToString(),
        MarketEventKind.Quote => Quote.ToString(),
        MarketEventKind.Trade => Trade.ToString(),
        _ => $"Gap {{ Symbol = {Symbol}, Timestamp = {Timestamp}, Reason = {GapReason} }}",
    };
}
