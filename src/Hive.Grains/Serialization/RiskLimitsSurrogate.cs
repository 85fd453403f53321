using Hive.Trading.Risk;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="RiskLimits"/>.</summary>
[GenerateSerializer]
[Alias("hive.risk-limits")]
internal struct RiskLimitsSurrogate
{
    [Id(0)] public decimal? MaxOrderQuantity;
    [Id(1)] public decimal? MaxOrderNotional;
    [Id(2)] public decimal? MaxPositionQuantity;
    [Id(3)] public decimal? MaxExposureNotional;
    [Id(4)] public int? MaxOrdersPerSecond;
}

[RegisterConverter]
internal sealed class RiskLimitsConverter : IConverter<RiskLimits, RiskLimitsSurrogate>
{
    public RiskLimits ConvertFromSurrogate(in RiskLimitsSurrogate s) => new()
    {
        MaxOrderQuantity = s.MaxOrderQuantity, MaxOrderNotional = s.MaxOrderNotional, MaxPositionQuantity = s.MaxPositionQuantity,
        MaxExposureNotional = s.MaxExposureNotional, MaxOrdersPerSecond = s.MaxOrdersPerSecond,
    };

    public RiskLimitsSurrogate ConvertToSurrogate(in RiskLimits r) => new()
    {
        MaxOrderQuantity = r.MaxOrderQuantity, MaxOrderNotional = r.MaxOrderNotional, MaxPositionQuantity = r.MaxPositionQuantity,
        MaxExposureNotional = r.MaxExposureNotional, MaxOrdersPerSecond = r.MaxOrdersPerSecond,
    };
}

// RiskLimits is immutable (read-only members of immutable types): a call inside a silo passes it as is rather than copying it
// through the surrogate.
[RegisterCopier]
internal sealed class RiskLimitsCopier : ShallowCopier<RiskLimits>;
