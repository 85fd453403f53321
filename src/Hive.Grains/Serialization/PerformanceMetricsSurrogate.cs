using Hive.Trading.Metrics;
using Orleans.Serialization.Cloning;

namespace Hive.Grains.Serialization;

/// <summary>Orleans' wire form of <see cref="PerformanceMetrics"/>.</summary>
[GenerateSerializer]
[Alias("hive.performance-metrics")]
internal struct PerformanceMetricsSurrogate
{
    [Id(0)] public decimal InitialEquity;
    [Id(1)] public decimal FinalEquity;
    [Id(2)] public double TotalReturn;
    [Id(3)] public double Cagr;
    [Id(4)] public double Sharpe;
    [Id(5)] public double Sortino;
    [Id(6)] public double MaxDrawdown;
    [Id(7)] public int TradeCount;
    [Id(8)] public double WinRate;
    [Id(9)] public double ProfitFactor;
    [Id(10)] public double ExposureTime;
    [Id(11)] public decimal NetProfit;
    [Id(12)] public decimal TotalFees;
}

[RegisterConverter]
internal sealed class PerformanceMetricsConverter : IConverter<PerformanceMetrics, PerformanceMetricsSurrogate>
{
    public PerformanceMetrics ConvertFromSurrogate(in PerformanceMetricsSurrogate s) => new(
        s.InitialEquity, s.FinalEquity, s.TotalReturn, s.Cagr, s.Sharpe, s.Sortino, s.MaxDrawdown, s.TradeCount, s.WinRate,
        s.ProfitFactor, s.ExposureTime, s.NetProfit, s.TotalFees);

    public PerformanceMetricsSurrogate ConvertToSurrogate(in PerformanceMetrics m) => new()
    {
        InitialEquity = m.InitialEquity, FinalEquity = m.FinalEquity, TotalReturn = m.TotalReturn, Cagr = m.Cagr, Sharpe = m.Sharpe,
        Sortino = m.Sortino, MaxDrawdown = m.MaxDrawdown, TradeCount = m.TradeCount, WinRate = m.WinRate, ProfitFactor = m.ProfitFactor,
        ExposureTime = m.ExposureTime, NetProfit = m.NetProfit, TotalFees = m.TotalFees,
    };
}

// PerformanceMetrics is an immutable record: a call inside a silo passes it as is.
[RegisterCopier]
internal sealed class PerformanceMetricsCopier : ShallowCopier<PerformanceMetrics>;
