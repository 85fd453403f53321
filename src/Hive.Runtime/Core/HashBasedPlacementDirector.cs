using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Core;

internal sealed class HashBasedPlacementDirector : IPlacementDirector
{
    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        // FNV-1a over the grain ID: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in target.GrainId.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new(context.CompatibleSilos[(int)(hash % (uint)context.CompatibleSilos.Count)].Address);
    }
}
