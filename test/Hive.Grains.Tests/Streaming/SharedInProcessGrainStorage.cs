using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Hive.Grains.Tests.Streaming;

/// <summary>
/// Grain storage shared by every silo of the in-process test cluster and kept outside them, so that state survives a
/// killed silo as it does in a database (Orleans' memory storage keeps it in grains, which die with their silo).
/// Values are deep copies; a stale ETag throws <see cref="InconsistentStateException"/> as real storage does.
/// </summary>
internal sealed class SharedInProcessGrainStorage(DeepCopier copier) : IGrainStorage
{
    private static readonly ConcurrentDictionary<(string State, GrainId Grain), (object Value, string ETag)> Store = new();
    private static long _version;
    private static string? _failWritesFor;

    /// <summary>Makes every write of a grain whose id contains <paramref name="fragment"/> throw (null: none).</summary>
    public static void FailWritesFor(string? fragment) => Volatile.Write(ref _failWritesFor, fragment);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Store.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = copier.Copy((T)entry.Value);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Volatile.Read(ref _failWritesFor) is { } fragment && grainId.ToString().Contains(fragment, StringComparison.Ordinal))
        {
            throw new IOException($"Storage write of {grainId} fails on purpose.");
        }

        var key = (stateName, grainId);
        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        var value = (object)copier.Copy(grainState.State)!;
        if (grainState.ETag is null)
        {
            if (!Store.TryAdd(key, (value, etag)))
            {
                throw new InconsistentStateException($"State {stateName} of {grainId} exists already.");
            }
        }
        else if (!Store.TryGetValue(key, out var current) || current.ETag != grainState.ETag
            || !Store.TryUpdate(key, (value, etag), current))
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} has a stale ETag {grainState.ETag}.");
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
