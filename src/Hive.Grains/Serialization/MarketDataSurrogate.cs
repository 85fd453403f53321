using Hive.Trading.Market;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="MarketData"/>.</summary>
[GenerateSerializer]
[Alias("hive.market-data")]
internal struct MarketDataSurrogate
{
    [Id(0)] public string Symbol;
    [Id(1)] public long Timestamp;
    [Id(2)] public double Open;
    [Id(3)] public double High;
    [Id(4)] public double Low;
    [Id(5)] public double Close;
    [Id(6)] public double Volume;
    [Id(7)] public double Bid;
    [Id(8)] public double Ask;
    [Id(9)] public double BidQuantity;
    [Id(10)] public double AskQuantity;
}

[RegisterConverter]
internal sealed class MarketDataConverter : IConverter<MarketData, MarketDataSurrogate>
{
    public MarketData ConvertFromSurrogate(in MarketDataSurrogate s) =>
        new(s.Symbol, s.Timestamp, s.Open, s.High, s.Low, s.Close, s.Volume, s.Bid, s.Ask, s.BidQuantity, s.AskQuantity);

    public MarketDataSurrogate ConvertToSurrogate(in MarketData m) => new()
    {
        Symbol = m.Symbol, Timestamp = m.Timestamp, Open = m.Open, High = m.High, Low = m.Low, Close = m.Close,
        Volume = m.Volume, Bid = m.Bid, Ask = m.Ask, BidQuantity = m.BidQuantity, AskQuantity = m.AskQuantity,
    };
}

// MarketData is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class MarketDataCopier : ShallowCopier<MarketData>;
