namespace Hive.Runtime.Cluster;

/// <summary>Where the single activation of a grain lives.</summary>
public sealed record GrainAddress(GrainId GrainId, SiloAddress Silo);
