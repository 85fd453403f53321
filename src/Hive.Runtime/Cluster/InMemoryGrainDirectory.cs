using System.Collections.Concurrent;

namespace Hive.Runtime.Cluster;

/// <summary>An <see cref="IGrainDirectory"/> in process memory, shared by the silos of one process.</summary>
public sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    /// <summary>Number of entries (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Task.FromResult(_entries.GetOrAdd(address.GrainId, address));
    }

    /// <inheritdoc />
    public Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(grainId, out var address) ? address : null);

    /// <inheritdoc />
    public Task UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silos);
        foreach (var entry in _entries)
        {
            if (silos.Contains(entry.Value.Silo))
            {
                _entries.TryRemove(entry);
            }
        }

        return Task.CompletedTask;
    }
}
