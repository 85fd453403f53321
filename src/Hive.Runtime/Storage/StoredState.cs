namespace Hive.Runtime.Storage;

/// <summary>A stored state record: the state as UTF-8 JSON and its ETag.</summary>
public sealed record StoredState(ReadOnlyMemory<byte> Json, string Etag);
