using Hive.Trading.Execution;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="OrderRequest"/>.</summary>
[GenerateSerializer]
[Alias("hive.order-request")]
internal struct OrderRequestSurrogate
{
    [Id(0)] public string ClientOrderId;
    [Id(1)] public string RunnerId;
    [Id(2)] public string Symbol;
    [Id(3)] public OrderSide Side;
    [Id(4)] public decimal Quantity;
    [Id(5)] public OrderType Type;
    [Id(6)] public decimal? Price;
    [Id(7)] public bool ReduceOnly;
    [Id(8)] public long Timestamp;
    [Id(9)] public string Reason;
}

[RegisterConverter]
internal sealed class OrderRequestConverter : IConverter<OrderRequest, OrderRequestSurrogate>
{
    public OrderRequest ConvertFromSurrogate(in OrderRequestSurrogate s) =>
        new(s.ClientOrderId, s.RunnerId, s.Symbol, s.Side, s.Quantity, s.Type, s.Price, s.ReduceOnly, s.Timestamp, s.Reason);

    public OrderRequestSurrogate ConvertToSurrogate(in OrderRequest o) => new()
    {
        ClientOrderId = o.ClientOrderId, RunnerId = o.RunnerId, Symbol = o.Symbol, Side = o.Side, Quantity = o.Quantity,
        Type = o.Type, Price = o.Price, ReduceOnly = o.ReduceOnly, Timestamp = o.Timestamp, Reason = o.Reason,
    };
}

// OrderRequest is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class OrderRequestCopier : ShallowCopier<OrderRequest>;
