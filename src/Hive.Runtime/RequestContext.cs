using System.Collections.Immutable;

namespace Hive.Runtime;

/// <summary>
/// Ambient key/value pairs that flow with a call chain: values set before a grain call are visible in the callee and in
/// every call it makes downstream, also across silos. Changes made by a callee do not flow back to its caller.
/// Unlike Orleans, values are strings, so that they cross silos without a type registry.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<ImmutableDictionary<string, string>?> Current = new();

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> for the current flow.</summary>
    public static void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        Current.Value = (Current.Value ?? ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)).SetItem(key, value);
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public static string? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var map = Current.Value;
        return map is not null && map.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    public static bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var map = Current.Value;
        if (map is null || !map.ContainsKey(key))
        {
            return false;
        }

        Current.Value = map.Remove(key);
        return true;
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => Current.Value = null;

    /// <summary>The keys currently set.</summary>
    public static IReadOnlyCollection<string> Keys => (IReadOnlyCollection<string>?)Current.Value?.Keys.ToArray() ?? [];

    internal static ImmutableDictionary<string, string>? Capture() => Current.Value;

    internal static void Restore(ImmutableDictionary<string, string>? snapshot) => Current.Value = snapshot;
}
