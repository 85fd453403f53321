using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// Applies <see cref="DataPlacement"/>: requires <c>role=data</c> (with none active, activation fails with the runtime's
/// <see cref="PlacementException"/>, "no active silo with role=data"); among the data silos prefers one whose hot
/// datasets hold <see cref="PlacementAffinity.CurrentDataset"/>, then the one with the fewest activations.
/// </summary>
internal sealed class DataPlacementDirector : IPlacementDirector
{
    private static readonly SiloRequirements Requirements = new() { Role = SiloRoles.Data };

    public SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) => Requirements;

    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        if (PlacementAffinity.CurrentDataset is { } dataset)
        {
            var holding = context.CompatibleSilos.Where(s => s.Load.HotDatasets.Contains(dataset)).ToList();
            if (holding.Count != 0)
            {
                return ValueTask.FromResult(LivePlacementDirector.LeastLoaded(holding));
            }
        }

        return ValueTask.FromResult(LivePlacementDirector.LeastLoaded(context.CompatibleSilos));
    }
}
