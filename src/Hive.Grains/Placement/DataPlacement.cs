using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Backtests and datasets: only on <c>role=data</c> silos; among them one that already keeps the requested dataset in
/// memory, then the least loaded (see <see cref="DataPlacementDirector"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.data-placement")]
public sealed class DataPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static DataPlacement Singleton { get; } = new();
}
