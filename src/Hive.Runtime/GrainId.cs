using System.Globalization;

namespace Hive.Runtime;

/// <summary>
/// Identity of a grain: its type name (by convention the class name without the <c>Grain</c> suffix, lower case,
/// so <c>RunnerGrain</c> is <c>runner</c>) and its key as a string. Rendered as <c>type/key</c>.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    /// <summary>Creates a grain ID from a type name and a key.</summary>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
    }

    /// <summary>The grain type name, for example <c>runner</c>.</summary>
    public string Type { get; }

    /// <summary>The key as a string (Guid keys in "D" format, integer keys in invariant decimal).</summary>
    public string Key { get; }

    /// <summary>True for the default value, which names no grain.</summary>
    public bool IsDefault => Type is null;

    /// <summary>Parses <c>type/key</c> (the key may contain further slashes).</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"Grain ID '{value}' is not of the form 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>The conventional grain type name of a grain class: <c>RunnerGrain</c> → <c>runner</c>.</summary>
    public static string TypeNameOf(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        var name = grainClass.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    /// <summary>Formats an integer key the way <see cref="Key"/> stores it.</summary>
    public static string FormatKey(long key) => key.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a Guid key the way <see cref="Key"/> stores it.</summary>
    public static string FormatKey(Guid key) => key.ToString("D");

    /// <inheritdoc />
    public bool Equals(GrainId other) =>
        string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Key);

    /// <inheritdoc />
    public override string ToString() => IsDefault ? "(none)" : Type + "/" + Key;

    /// <summary>Equality.</summary>
    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
