using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Core;

internal sealed class PreferLocalPlacementDirector : IPlacementDirector
{
    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new(context.CompatibleSilos.Any(s => s.Address == context.LocalSilo)
            ? context.LocalSilo
            : context.CompatibleSilos[Random.Shared.Next(context.CompatibleSilos.Count)].Address);
}
