using Orleans;

namespace Hive.Grains.Runners;

/// <summary>A point of a runner's equity curve: <paramref name="Time"/> as its candle's open time, Unix epoch milliseconds (UTC).</summary>
[GenerateSerializer]
[Alias("hive.chart-point")]
public readonly record struct ChartPoint([property: Id(0)] long Time, [property: Id(1)] double Value);
