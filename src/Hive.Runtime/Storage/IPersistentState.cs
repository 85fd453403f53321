namespace Hive.Runtime.Storage;

/// <summary>
/// A piece of grain state kept in a storage provider. Read before <see cref="Grain.OnActivateAsync"/>; written only
/// when the grain calls <see cref="WriteStateAsync"/>. A write based on a stale <see cref="Etag"/> throws
/// <see cref="InconsistentStateException"/>.
/// </summary>
public interface IPersistentState<TState>
    where TState : new()
{
    /// <summary>The state.</summary>
    TState State { get; set; }

    /// <summary>The version the state was read or written at; null when nothing is stored.</summary>
    string? Etag { get; }

    /// <summary>True when storage holds a record for the grain.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when storage moved past <see cref="Etag"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
