using Orleans;

namespace Hive.Grains.Runners;

/// <summary>One closed candle of a runner's chart; <paramref name="Time"/> is its open time, Unix epoch milliseconds (UTC).</summary>
[GenerateSerializer]
[Alias("hive.chart-candle")]
public readonly record struct ChartCandle(
    [property: Id(0)] long Time,
    [property: Id(1)] double Open,
    [property: Id(2)] double High,
    [property: Id(3)] double Low,
    [property: Id(4)] double Close);
