using Orleans;

namespace Hive.Grains.Runners;

/// <summary>A mark on a runner's chart.</summary>
/// <param name="Sequence">Numbers the markers of one activation from 1, so a client merges updates without duplicates.</param>
/// <param name="Time">Market time of the event, Unix epoch milliseconds (UTC).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Price">The price it happened at.</param>
/// <param name="Text">A short description (the signal's reason, the fill's side and quantity).</param>
[GenerateSerializer]
[Alias("hive.chart-marker")]
public sealed record ChartMarker(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long Time,
    [property: Id(2)] ChartMarkerKind Kind,
    [property: Id(3)] double Price,
    [property: Id(4)] string Text);
