namespace Hive.Runtime.Cluster;

/// <summary>One row of the membership table.</summary>
public sealed record MembershipEntry
{
    /// <summary>The silo incarnation.</summary>
    public required SiloAddress Silo { get; init; }

    /// <summary>Name, role and tags.</summary>
    public required SiloMetadata Metadata { get; init; }

    /// <summary>Status.</summary>
    public required SiloStatus Status { get; init; }

    /// <summary>When the silo started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>Last liveness heartbeat the silo wrote.</summary>
    public DateTimeOffset IAmAliveTime { get; init; }
}
