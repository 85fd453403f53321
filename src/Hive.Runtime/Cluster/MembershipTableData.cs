namespace Hive.Runtime.Cluster;

/// <summary>A snapshot of the membership table: rows with their ETags, and the version row.</summary>
public sealed record MembershipTableData(IReadOnlyList<(MembershipEntry Entry, string ETag)> Entries, TableVersion Version);
