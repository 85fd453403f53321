using Hive.Runtime.Cluster;

namespace Hive.Runtime.Placement;

/// <summary>The grain being placed, and the silo asking.</summary>
public sealed record PlacementTarget(GrainId GrainId, Type GrainClass, SiloAddress RequestingSilo);
