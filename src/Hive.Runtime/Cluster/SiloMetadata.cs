namespace Hive.Runtime.Cluster;

/// <summary>Static description of a silo from configuration: name, role and tags (<c>low_latency</c>, <c>high_ram</c>, <c>region=eu</c>).</summary>
public sealed record SiloMetadata(string Name, string Role, IReadOnlySet<string> Tags)
{
    /// <summary>True when the silo carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (role={Role}, tags=[{string.Join(", ", Tags.Order(StringComparer.Ordinal))}])";
}
