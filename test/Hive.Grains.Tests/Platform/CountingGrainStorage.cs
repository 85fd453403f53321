using System.Collections.Concurrent;
using Hive.Runtime;
using Hive.Runtime.Storage;

namespace Hive.Grains.Tests.Platform;

/// <summary>In-memory grain storage that counts writes per grain.</summary>
internal sealed class CountingGrainStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _inner = new();
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();

    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    public Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(stateName, grainId, cancellationToken);

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> json, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        _writes.AddOrUpdate(grainId, 1, static (_, n) => n + 1);
        return _inner.WriteAsync(stateName, grainId, json, expectedEtag, cancellationToken);
    }

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default) =>
        _inner.ClearAsync(stateName, grainId, expectedEtag, cancellationToken);
}
