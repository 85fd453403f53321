using System.Globalization;

namespace Hive.Trading.Strategies.Compiled;

/// <summary>Parameter readers the compiled strategies share, failing with <see cref="FormatException"/> naming the parameter.</summary>
internal static class CompiledParameters
{
    /// <summary>A boolean (<c>true</c>/<c>false</c>/<c>1</c>/<c>0</c>/<c>yes</c>/<c>no</c>), or <paramref name="fallback"/>.</summary>
    public static bool GetBoolean(StrategyParameters parameters, string name, bool fallback)
    {
        var text = parameters.GetString(name, string.Empty);
        if (text.Length == 0)
        {
            return fallback;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new FormatException($"Strategy parameter '{name}' must be true or false, got '{text}'."),
        };
    }

    /// <summary>A positive number (a quantity) or <c>null</c> when absent.</summary>
    public static double? GetPositive(StrategyParameters parameters, string name)
    {
        if (!parameters.Contains(name))
        {
            return null;
        }

        var value = parameters.GetDouble(name, 0);
        return value > 0 ? value : throw new FormatException($"Strategy parameter '{name}' must be positive, got {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A percentage in (0, 100) as a fraction (2 → 0.02), or <c>null</c> when absent.</summary>
    public static double? GetPercent(StrategyParameters parameters, string name)
    {
        if (!parameters.Contains(name))
        {
            return null;
        }

        var value = parameters.GetDouble(name, 0);
        return value is > 0 and < 100
            ? value / 100
            : throw new FormatException($"Strategy parameter '{name}' is a percentage and must be between 0 and 100 (exclusive), got {value.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>A level in [0, 100] (an RSI threshold).</summary>
    public static double GetLevel(StrategyParameters parameters, string name, double fallback)
    {
        var value = parameters.GetDouble(name, fallback);
        return value is >= 0 and <= 100
            ? value
            : throw new FormatException($"Strategy parameter '{name}' must be between 0 and 100, got {value.ToString(CultureInfo.InvariantCulture)}.");
    }
}
