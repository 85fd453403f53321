using System.Text;
using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>
/// The hub grain key of a stream: <c>provider/namespace/key</c>. Provider names cannot contain '/', and the
/// namespace ends at the first '/' after it, as in <see cref="StreamId.Parse(ReadOnlySpan{byte})"/>.
/// </summary>
internal static class MarketStreamKey
{
    public static string Format(string providerName, StreamId streamId) =>
        string.Concat(providerName, "/", streamId.GetNamespace() ?? string.Empty, "/", streamId.GetKeyAsString());

    public static (string ProviderName, StreamId StreamId) Parse(string hubKey)
    {
        var providerEnd = hubKey.IndexOf('/', StringComparison.Ordinal);
        var namespaceEnd = providerEnd < 0 ? -1 : hubKey.IndexOf('/', providerEnd + 1);
        if (providerEnd <= 0 || namespaceEnd < 0)
        {
            throw new ArgumentException($"Hub key '{hubKey}' is not of the form provider/namespace/key.", nameof(hubKey));
        }

        var ns = hubKey[(providerEnd + 1)..namespaceEnd];
        var key = hubKey[(namespaceEnd + 1)..];
        var streamId = ns.Length == 0
            ? StreamId.Create(ReadOnlySpan<byte>.Empty, Encoding.UTF8.GetBytes(key))
            : StreamId.Create(ns, key);
        return (hubKey[..providerEnd], streamId);
    }
}
