using Hive.Trading.Market;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="TradeTick"/>.</summary>
[GenerateSerializer]
[Alias("hive.trade-tick")]
internal struct TradeTickSurrogate
{
    [Id(0)] public string Symbol;
    [Id(1)] public long Timestamp;
    [Id(2)] public long TradeId;
    [Id(3)] public double Price;
    [Id(4)] public double Quantity;
    [Id(5)] public bool BuyerIsMaker;
}

[RegisterConverter]
internal sealed class TradeTickConverter : IConverter<TradeTick, TradeTickSurrogate>
{
    public TradeTick ConvertFromSurrogate(in TradeTickSurrogate s) =>
        new(s.Symbol, s.Timestamp, s.TradeId, s.Price, s.Quantity, s.BuyerIsMaker);

    public TradeTickSurrogate ConvertToSurrogate(in TradeTick t) => new()
    {
        Symbol = t.Symbol, Timestamp = t.Timestamp, TradeId = t.TradeId, Price = t.Price, Quantity = t.Quantity,
        BuyerIsMaker = t.BuyerIsMaker,
    };
}

// TradeTick is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class TradeTickCopier : ShallowCopier<TradeTick>;
