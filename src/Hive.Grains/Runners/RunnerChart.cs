using Orleans;

namespace Hive.Grains.Runners;

/// <summary>The answer to <see cref="IRunnerGrain.GetChartAsync"/>: what a live chart of the runner draws.</summary>
/// <param name="Candles">Closed candles the runner processed, oldest first.</param>
/// <param name="Equity">The runner's equity at the close of each of those candles, oldest first.</param>
/// <param name="Markers">Signals, entries, exits and stops, oldest first.</param>
/// <param name="Activation">Identifies the activation whose buffers these are (a new one starts empty).</param>
[GenerateSerializer]
[Alias("hive.runner-chart")]
public sealed record RunnerChart(
    [property: Id(0)] IReadOnlyList<ChartCandle> Candles,
    [property: Id(1)] IReadOnlyList<ChartPoint> Equity,
    [property: Id(2)] IReadOnlyList<ChartMarker> Markers,
    [property: Id(3)] string Activation);
