using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Core;

internal sealed class ActivationCountPlacementDirector : IPlacementDirector
{
    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new(context.CompatibleSilos.MinBy(s => s.Load.ActivationCount)!.Address);
}
