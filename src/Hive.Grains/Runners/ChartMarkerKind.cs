using Orleans;

namespace Hive.Grains.Runners;

/// <summary>What a <see cref="ChartMarker"/> marks.</summary>
[GenerateSerializer]
[Alias("hive.chart-marker-kind")]
public enum ChartMarkerKind
{
    /// <summary>The strategy saw an opportunity (or dropped one).</summary>
    Signal,

    /// <summary>A fill opened or added to a position.</summary>
    Entry,

    /// <summary>A fill closed or reduced a position.</summary>
    Exit,

    /// <summary>The stop-loss or take-profit closed the position, or the runner stopped.</summary>
    Stop,
}
