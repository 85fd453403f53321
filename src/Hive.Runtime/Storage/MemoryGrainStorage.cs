using System.Collections.Concurrent;
using System.Globalization;

namespace Hive.Runtime.Storage;

/// <summary>
/// Grain storage in process memory. One instance may be shared by every silo of a test cluster, so state survives the
/// loss of the silo that wrote it.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), StoredState> _records = new();
    private readonly Lock _lock = new();
    private long _version;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue((stateName, grainId), out var record) ? record : null);

    /// <inheritdoc />
    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> json, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (stateName, grainId);
            _records.TryGetValue(key, out var current);
            StorageEtags.Check(stateName, grainId, current?.Etag, expectedEtag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[key] = new StoredState(json.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (stateName, grainId);
            _records.TryGetValue(key, out var current);
            StorageEtags.Check(stateName, grainId, current?.Etag, expectedEtag);
            _records.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }
}
