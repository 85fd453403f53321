using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Core;

internal sealed class RandomPlacementDirector : IPlacementDirector
{
    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new(context.CompatibleSilos[Random.Shared.Next(context.CompatibleSilos.Count)].Address);
}
