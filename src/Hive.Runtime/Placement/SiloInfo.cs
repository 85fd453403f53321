using Hive.Runtime.Cluster;

namespace Hive.Runtime.Placement;

/// <summary>An active silo as a placement director sees it.</summary>
public sealed record SiloInfo(SiloAddress Address, SiloMetadata Metadata, SiloLoad Load);
