using System.Diagnostics.CodeAnalysis;

namespace Hive.Trading.Strategies;

/// <summary>
/// A runner's strategy context: typed values (numbers, integers, strings, booleans) that a strategy reads and writes
/// and that persist from one update to the next (and, in the platform, across reactivations), plus a read-only view of
/// the open position maintained by the runner.
/// </summary>
public sealed class StrategyContext
{
    private readonly Dictionary<string, ContextValue> _values = new(StringComparer.Ordinal);

    /// <summary>The open position, or <c>null</c> when flat. Set by the runner, not by strategies.</summary>
    public PositionInfo? Position { get; set; }

    /// <summary>Number of values stored.</summary>
    public int Count => _values.Count;

    /// <summary>
    /// Size of the stored values, in characters: each key's length plus each value's (a string's length, 8 for a
    /// number, integer or boolean). Kept up to date on every write, so a host can hold a strategy to a quota cheaply.
    /// </summary>
    public long Size { get; private set; }

    /// <summary>
    /// Changes whenever a value is stored or removed, so that a host keeping a copy of the values (the Lua sandbox keeps
    /// one inside the VM, for reads without a call into the host) knows when to refresh it.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>The stored keys and values, for persistence and display.</summary>
    public IEnumerable<KeyValuePair<string, ContextValue>> Values => _values;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous value of any type.</summary>
    public void Set(string key, ContextValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_values, key, out var existed);
        Size += existed ? SizeOf(value) - SizeOf(slot) : key.Length + SizeOf(value);
        slot = value;
        Version++;
    }

    /// <summary>The size <see cref="Set"/> would add for a new <paramref name="key"/> holding <paramref name="value"/> (see <see cref="Size"/>).</summary>
    public static long SizeOf(string key, ContextValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length + SizeOf(value);
    }

    private static long SizeOf(ContextValue value) => value.Kind == ContextValueKind.String ? value.AsString().Length : 8;

    /// <summary>Stores a number.</summary>
    public void SetNumber(string key, double value) => Set(key, ContextValue.FromNumber(value));

    /// <summary>Stores an integer.</summary>
    public void SetInteger(string key, long value) => Set(key, ContextValue.FromInteger(value));

    /// <summary>Stores a string.</summary>
    public void SetString(string key, string value) => Set(key, ContextValue.FromString(value));

    /// <summary>Stores a boolean.</summary>
    public void SetBoolean(string key, bool value) => Set(key, ContextValue.FromBoolean(value));

    /// <summary>Gets the value stored under <paramref name="key"/>.</summary>
    public bool TryGet(string key, out ContextValue value) => _values.TryGetValue(key, out value);

    /// <summary>Gets a number (integers widen), or <paramref name="fallback"/> when the key is absent.</summary>
    public double GetNumber(string key, double fallback = 0) => _values.TryGetValue(key, out var v) ? v.AsNumber() : fallback;

    /// <summary>Gets an integer, or <paramref name="fallback"/> when the key is absent.</summary>
    public long GetInteger(string key, long fallback = 0) => _values.TryGetValue(key, out var v) ? v.AsInteger() : fallback;

    /// <summary>Gets a string, or <paramref name="fallback"/> when the key is absent.</summary>
    [return: NotNullIfNotNull(nameof(fallback))]
    public string? GetString(string key, string? fallback = null) => _values.TryGetValue(key, out var v) ? v.AsString() : fallback;

    /// <summary>Gets a boolean, or <paramref name="fallback"/> when the key is absent.</summary>
    public bool GetBoolean(string key, bool fallback = false) => _values.TryGetValue(key, out var v) ? v.AsBoolean() : fallback;

    /// <summary>Removes the value stored under <paramref name="key"/>.</summary>
    public bool Remove(string key)
    {
        if (!_values.Remove(key, out var old))
        {
            return false;
        }

        Size -= key.Length + SizeOf(old);
        Version++;
        return true;
    }

    /// <summary>Removes every value (the position view is kept).</summary>
    public void Clear()
    {
        _values.Clear();
        Size = 0;
        Version++;
    }
}
