using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Grains.Tests.Platform;

/// <summary>
/// Grain storage in the test process's memory, shared by every silo (and every cluster) it is given to, so state
/// survives a killed silo as it would in PostgreSQL or files. JSON with ETags as <c>FileGrainStorage</c>; counts
/// writes per grain.
/// </summary>
public sealed class SharedGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (byte[] Json, long Etag)> _states = new();
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();
    private readonly Lock _lock = new();

    public int WritesOf(GrainId grainId) => _writes.GetValueOrDefault(grainId);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = JsonSerializer.Deserialize<T>(stored.Json)!;
            grainState.ETag = stored.Etag.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(grainState.State);
        lock (_lock)
        {
            var current = _states.TryGetValue((stateName, grainId), out var stored) ? stored.Etag.ToString(CultureInfo.InvariantCulture) : null;
            Check(stateName, grainId, current, grainState.ETag);
            var etag = (stored.Etag + 1).ToString(CultureInfo.InvariantCulture);
            _states[(stateName, grainId)] = (json, stored.Etag + 1);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        _writes.AddOrUpdate(grainId, 1, static (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            var current = _states.TryGetValue((stateName, grainId), out var stored) ? stored.Etag.ToString(CultureInfo.InvariantCulture) : null;
            Check(stateName, grainId, current, grainState.ETag);
            _states.TryRemove((stateName, grainId), out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    private static void Check(string stateName, GrainId grainId, string? current, string? expected)
    {
        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"State '{stateName}' of {grainId}: stored ETag {current ?? "none"}, writer holds {expected ?? "none"}.", current ?? string.Empty, expected ?? string.Empty);
        }
    }
}
