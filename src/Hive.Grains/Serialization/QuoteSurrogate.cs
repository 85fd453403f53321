using Hive.Trading.Market;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="Quote"/>.</summary>
[GenerateSerializer]
[Alias("hive.quote")]
internal struct QuoteSurrogate
{
    [Id(0)] public string Symbol;
    [Id(1)] public long Timestamp;
    [Id(2)] public double BidPrice;
    [Id(3)] public double BidQuantity;
    [Id(4)] public double AskPrice;
    [Id(5)] public double AskQuantity;
}

[RegisterConverter]
internal sealed class QuoteConverter : IConverter<Quote, QuoteSurrogate>
{
    public Quote ConvertFromSurrogate(in QuoteSurrogate s) =>
        new(s.Symbol, s.Timestamp, s.BidPrice, s.BidQuantity, s.AskPrice, s.AskQuantity);

    public QuoteSurrogate ConvertToSurrogate(in Quote q) => new()
    {
        Symbol = q.Symbol, Timestamp = q.Timestamp, BidPrice = q.BidPrice, BidQuantity = q.BidQuantity,
        AskPrice = q.AskPrice, AskQuantity = q.AskQuantity,
    };
}

// Quote is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class QuoteCopier : ShallowCopier<Quote>;
