using Hive.Trading.Execution;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="Fill"/>.</summary>
[GenerateSerializer]
[Alias("hive.fill")]
internal struct FillSurrogate
{
    [Id(0)] public string ClientOrderId;
    [Id(1)] public string RunnerId;
    [Id(2)] public string Symbol;
    [Id(3)] public OrderSide Side;
    [Id(4)] public decimal Quantity;
    [Id(5)] public decimal Price;
    [Id(6)] public decimal Fee;
    [Id(7)] public long Timestamp;
}

[RegisterConverter]
internal sealed class FillConverter : IConverter<Fill, FillSurrogate>
{
    public Fill ConvertFromSurrogate(in FillSurrogate s) =>
        new(s.ClientOrderId, s.RunnerId, s.Symbol, s.Side, s.Quantity, s.Price, s.Fee, s.Timestamp);

    public FillSurrogate ConvertToSurrogate(in Fill f) => new()
    {
        ClientOrderId = f.ClientOrderId, RunnerId = f.RunnerId, Symbol = f.Symbol, Side = f.Side, Quantity = f.Quantity,
        Price = f.Price, Fee = f.Fee, Timestamp = f.Timestamp,
    };
}

// Fill is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class FillCopier : ShallowCopier<Fill>;
