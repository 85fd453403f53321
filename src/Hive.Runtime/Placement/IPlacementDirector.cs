using Hive.Runtime.Cluster;

namespace Hive.Runtime.Placement;

/// <summary>
/// Chooses the silo of a new activation for one <see cref="PlacementStrategy"/> type. A director declares what a silo
/// must offer with <see cref="GetRequirements"/>; when no active silo satisfies them activation fails with a
/// <see cref="PlacementException"/> naming the requirement, never falling back silently.
/// </summary>
public interface IPlacementDirector
{
    /// <summary>What a silo must offer to host <paramref name="target"/>. Default: nothing.</summary>
    SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) => SiloRequirements.None;

    /// <summary>Chooses one of <see cref="IPlacementContext.CompatibleSilos"/> (asynchronous so a director may consult the directory or storage).</summary>
    ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context);
}
