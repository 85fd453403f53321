namespace Hive.Runtime.Storage;

/// <summary>
/// A grain state storage provider. The ETag is a version number as a string; a write or clear whose ETag is not the
/// stored one throws <see cref="InconsistentStateException"/>. Implementations: <see cref="MemoryGrainStorage"/>,
/// <see cref="FileGrainStorage"/>; PostgreSQL later.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the stored record: (JSON of the state, ETag), or null when none exists.</summary>
    Task<StoredState?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="json"/> if the stored ETag is <paramref name="expectedEtag"/> (null: nothing stored); returns the new ETag.</summary>
    Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> json, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if the stored ETag is <paramref name="expectedEtag"/>.</summary>
    Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default);
}
