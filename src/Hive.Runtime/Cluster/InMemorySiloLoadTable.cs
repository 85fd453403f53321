using System.Collections.Concurrent;

namespace Hive.Runtime.Cluster;

/// <summary>An <see cref="ISiloLoadTable"/> for silos sharing one process.</summary>
public sealed class InMemorySiloLoadTable : ISiloLoadTable
{
    private readonly ConcurrentDictionary<SiloAddress, SiloLoad> _loads = new();

    /// <inheritdoc />
    public void Publish(SiloAddress silo, SiloLoad load) => _loads[silo] = load;

    /// <inheritdoc />
    public SiloLoad? Get(SiloAddress silo) => _loads.TryGetValue(silo, out var load) ? load : null;
}
