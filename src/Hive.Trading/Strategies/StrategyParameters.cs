using System.Globalization;

namespace Hive.Trading.Strategies;

/// <summary>
/// A strategy's parameters as given in a runner's configuration (<c>ema-cross:fast=12,slow=26</c> or a YAML map):
/// names to text, read back with typed getters that fail with a message naming the parameter and the bad value.
/// </summary>
public sealed class StrategyParameters
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates parameters from name/value pairs; names are case-insensitive.</summary>
    public StrategyParameters(IEnumerable<KeyValuePair<string, string>>? values = null)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (values is null)
        {
            return;
        }

        foreach (var (key, value) in values)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            _values[key.Trim()] = value?.Trim() ?? string.Empty;
        }
    }

    /// <summary>No parameters.</summary>
    public static StrategyParameters Empty { get; } = new();

    /// <summary>All parameters, for display and for handing to a Lua script.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>
    /// Parses <c>k=v,k=v</c>. Throws <see cref="FormatException"/> naming the bad pair when one has no <c>=</c> or an
    /// empty name.
    /// </summary>
    public static StrategyParameters Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Strategy parameter '{part}' is not of the form name=value.");
            }

            pairs.Add(new(part[..eq], part[(eq + 1)..]));
        }

        return new StrategyParameters(pairs);
    }

    /// <summary>Whether a parameter is present.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>A number, or <paramref name="fallback"/> when absent.</summary>
    public double GetDouble(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"Strategy parameter '{name}' must be a number, got '{text}'.");
    }

    /// <summary>An integer, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt32(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Strategy parameter '{name}' must be an integer, got '{text}'.");
    }

    /// <summary>A positive integer (a period), or <paramref name="fallback"/> when absent.</summary>
    public int GetPeriod(string name, int fallback)
    {
        var value = GetInt32(name, fallback);
        return value > 0 ? value : throw new FormatException($"Strategy parameter '{name}' must be a positive integer, got {value}.");
    }

    /// <summary>A string, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string name, string fallback) => _values.TryGetValue(name, out var text) ? text : fallback;

    /// <inheritdoc />
    public override string ToString() => string.Join(',', _values.Select(static kv => $"{kv.Key}={kv.Value}"));
}
