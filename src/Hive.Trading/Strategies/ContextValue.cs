using System.Globalization;

namespace Hive.Trading.Strategies;

/// <summary>A typed value of a <see cref="StrategyContext"/>: a number, an integer, a string or a boolean.</summary>
public readonly struct ContextValue : IEquatable<ContextValue>
{
    private readonly double _number;
    private readonly long _integer;
    private readonly string? _string;

    private ContextValue(ContextValueKind kind, double number, long integer, string? text)
    {
        Kind = kind;
        _number = number;
        _integer = integer;
        _string = text;
    }

    /// <summary>The type of the value.</summary>
    public ContextValueKind Kind { get; }

    /// <summary>Creates a number.</summary>
    public static ContextValue FromNumber(double value) => new(ContextValueKind.Number, value, 0, null);

    /// <summary>Creates an integer.</summary>
    public static ContextValue FromInteger(long value) => new(ContextValueKind.Integer, 0, value, null);

    /// <summary>Creates a string.</summary>
    public static ContextValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ContextValueKind.String, 0, 0, value);
    }

    /// <summary>Creates a boolean.</summary>
    public static ContextValue FromBoolean(bool value) => new(ContextValueKind.Boolean, 0, value ? 1 : 0, null);

    /// <summary>The value as a number; integers widen, other kinds throw.</summary>
    public double AsNumber() => Kind switch
    {
        ContextValueKind.Number => _number,
        ContextValueKind.Integer => _integer,
        _ => throw new InvalidOperationException($"Context value is a {Kind}, not a number."),
    };

    /// <summary>The value as an integer; other kinds throw.</summary>
    public long AsInteger() => Kind == ContextValueKind.Integer
        ? _integer
        : throw new InvalidOperationException($"Context value is a {Kind}, not an integer.");

    /// <summary>The value as a string; other kinds throw.</summary>
    public string AsString() => Kind == ContextValueKind.String
        ? _string!
        : throw new InvalidOperationException($"Context value is a {Kind}, not a string.");

    /// <summary>The value as a boolean; other kinds throw.</summary>
    public bool AsBoolean() => Kind == ContextValueKind.Boolean
        ? _integer != 0
        : throw new InvalidOperationException($"Context value is a {Kind}, not a boolean.");

    /// <inheritdoc />
    public bool Equals(ContextValue other) =>
        Kind == other.Kind && _number.Equals(other._number) && _integer == other._integer && string.Equals(_string, other._string, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContextValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _number, _integer, _string);

    /// <summary>Value equality.</summary>
    public static bool operator ==(ContextValue left, ContextValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ContextValue left, ContextValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ContextValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        ContextValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        ContextValueKind.String => _string!,
        _ => _integer != 0 ? "true" : "false",
    };
}
