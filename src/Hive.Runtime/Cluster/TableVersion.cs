namespace Hive.Runtime.Cluster;

/// <summary>The membership table's version row. Every write must carry the next version and the current ETag (compare-and-swap).</summary>
public sealed record TableVersion(int Version, string ETag)
{
    /// <summary>The version a write following this one must carry.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };
}
