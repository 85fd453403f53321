using Hive.Trading.Market;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>
/// Orleans' wire form of <see cref="MarketEvent"/>: the kind, then only the payload that kind carries, so a candle
/// event does not also ship an empty quote and trade.
/// </summary>
[GenerateSerializer]
[Alias("hive.market-event")]
internal struct MarketEventSurrogate
{
    [Id(0)] public MarketEventKind Kind;
    [Id(1)] public string Symbol;
    [Id(2)] public long Timestamp;
    [Id(3)] public Candle Candle;
    [Id(4)] public Quote Quote;
    [Id(5)] public TradeTick Trade;
    [Id(6)] public string? GapReason;
}

[RegisterConverter]
internal sealed class MarketEventConverter : IConverter<MarketEvent, MarketEventSurrogate>
{
    public MarketEvent ConvertFromSurrogate(in MarketEventSurrogate s) => s.Kind switch
    {
        MarketEventKind.Candle => MarketEvent.FromCandle(s.Candle),
        MarketEventKind.Quote => MarketEvent.FromQuote(s.Quote),
        MarketEventKind.Trade => MarketEvent.FromTrade(s.Trade),
        MarketEventKind.Gap => MarketEvent.FromGap(s.Symbol, s.Timestamp, s.GapReason ?? "gap"),
        _ => throw new InvalidDataException($"Unknown market event kind {(int)s.Kind} for {s.Symbol}."),
    };

    public MarketEventSurrogate ConvertToSurrogate(in MarketEvent e)
    {
        var surrogate = new MarketEventSurrogate { Kind = e.Kind, Symbol = e.Symbol, Timestamp = e.Timestamp, GapReason = e.GapReason };
        switch (e.Kind)
        {
            case MarketEventKind.Candle:
                surrogate.Candle = e.Candle;
                break;
            case MarketEventKind.Quote:
                surrogate.Quote = e.Quote;
                break;
            case MarketEventKind.Trade:
                surrogate.Trade = e.Trade;
                break;
        }

        return surrogate;
    }
}

// MarketEvent is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class MarketEventCopier : ShallowCopier<MarketEvent>;
