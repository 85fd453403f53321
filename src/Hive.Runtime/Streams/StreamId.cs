namespace Hive.Runtime.Streams;

/// <summary>Identity of a stream: a namespace and a key (market data: namespace <c>market</c>, key the symbol). Rendered <c>namespace/key</c>.</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary>Creates a stream ID, checking both parts.</summary>
    public static StreamId Create(string streamNamespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new StreamId(streamNamespace, key);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace + "/" + Key;
}
