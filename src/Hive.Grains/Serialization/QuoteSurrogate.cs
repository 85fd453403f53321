using Hive.Trading.Market;

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
