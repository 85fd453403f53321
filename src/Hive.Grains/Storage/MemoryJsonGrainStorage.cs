using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Grains.Storage;

/// <summary>
/// Grain storage in the process's memory with the same semantics as <see cref="FileGrainStorage"/> (state as JSON,
/// numeric ETags checked on every write and clear): give one instance to every silo of a process and state survives a
/// killed silo, as it would in files or PostgreSQL, but not the process. For tests, benchmarks that measure the runtime
/// rather than the disk, and runs that must leave nothing behind. Counts writes per grain, so write amplification can
/// be observed.
/// </summary>
public sealed class MemoryJsonGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string State, GrainId Grain), (byte[] Json, long Etag)> _states = [];
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly Lock _lock = new();

    /// <summary>How many writes <paramref name="grainId"/> has made.</summary>
    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (byte[] Json, long Etag) stored;
        bool found;
        lock (_lock)
        {
            found = _states.TryGetValue((stateName, grainId), out stored);
        }

        grainState.State = found ? JsonSerializer.Deserialize<T>(stored.Json)! : Activator.CreateInstance<T>();
        grainState.ETag = found ? stored.Etag.ToString(CultureInfo.InvariantCulture) : null;
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State);
        lock (_lock)
        {
            var found = _states.TryGetValue((stateName, grainId), out var stored);
            FileGrainStorage.CheckEtag(stateName, grainId, found ? stored.Etag.ToString(CultureInfo.InvariantCulture) : null, grainState.ETag);
            _states[(stateName, grainId)] = (json, stored.Etag + 1);
            grainState.ETag = (stored.Etag + 1).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        _writes.AddOrUpdate(grainId, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            var found = _states.TryGetValue((stateName, grainId), out var stored);
            FileGrainStorage.CheckEtag(stateName, grainId, found ? stored.Etag.ToString(CultureInfo.InvariantCulture) : null, grainState.ETag);
            _states.Remove((stateName, grainId));
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }
}
