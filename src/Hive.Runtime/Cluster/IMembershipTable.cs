namespace Hive.Runtime.Cluster;

/// <summary>
/// Storage of cluster membership (Orleans' model): silo rows plus a version row updated by compare-and-swap with every
/// change, so concurrent writers never lose an update. Implementations: <see cref="InMemoryMembershipTable"/>; PostgreSQL later.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Reads every row and the version row.</summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a row if the silo is new and <paramref name="version"/> is the next version with the current ETag.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a row if its ETag is <paramref name="etag"/>, <paramref name="version"/> is the next version with the
    /// current ETag, and the transition is allowed (status never goes back; <see cref="SiloStatus.Dead"/> is final).
    /// </summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Writes the silo's liveness heartbeat (not versioned).</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default);
}
