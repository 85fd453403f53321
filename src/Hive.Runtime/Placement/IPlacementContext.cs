using Hive.Runtime.Cluster;

namespace Hive.Runtime.Placement;

/// <summary>What a director may look at: the local silo and the active silos that satisfy the strategy's requirements.</summary>
public interface IPlacementContext
{
    /// <summary>The silo making the decision.</summary>
    SiloAddress LocalSilo { get; }

    /// <summary>Active silos satisfying the director's requirements; never empty (the runtime fails placement before).</summary>
    IReadOnlyList<SiloInfo> CompatibleSilos { get; }
}
