using System.Globalization;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// One swept strategy parameter and the values it takes, parsed from <c>name=a..b:step</c> (every value from a to b,
/// both included, by step), <c>name=a..b</c> (step 1) or <c>name=v1,v2,…</c> (the values as given).
/// </summary>
/// <param name="Name">The strategy parameter.</param>
/// <param name="Values">Its values, as text the strategy parses (numbers in invariant culture, without trailing zeros).</param>
public sealed record SweepParameter(string Name, IReadOnlyList<string> Values)
{
    /// <summary>The accepted forms, for help texts and errors.</summary>
    public const string Format = "NAME=FROM..TO[:STEP] or NAME=V1,V2,...";

    /// <summary>Most values one parameter may take.</summary>
    public const int MaxValues = 100_000;

    /// <summary>
    /// Parses one <c>--sweep</c> value. Throws <see cref="FormatException"/> naming the spec and the problem: no name,
    /// a bound or step that is not a number, a step that is not positive, a range that runs backwards, too many values
    /// or a value listed twice.
    /// </summary>
    public static SweepParameter Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? spec[..eq].Trim() : string.Empty;
        if (name.Length == 0 || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new FormatException($"--sweep '{spec}': expected {Format}, e.g. fast=5..50:5 or fast=5,8,13");
        }

        var body = spec[(eq + 1)..].Trim();
        if (body.Length == 0)
        {
            throw new FormatException($"--sweep '{spec}': no values for '{name}'; expected {Format}");
        }

        var values = body.Contains("..", StringComparison.Ordinal) ? Range(spec, name, body) : List(spec, name, body);
        return new SweepParameter(name, values);
    }

    private static List<string> Range(string spec, string name, string body)
    {
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var range = colon >= 0 ? body[..colon] : body;
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        var from = Number(spec, name, "start", range[..dots]);
        var to = Number(spec, name, "end", range[(dots + 2)..]);
        var step = colon >= 0 ? Number(spec, name, "step", body[(colon + 1)..]) : 1m;
        if (step <= 0)
        {
            throw new FormatException($"--sweep '{spec}': the step of '{name}' must be positive, got {Text(step)}");
        }

        if (from > to)
        {
            throw new FormatException($"--sweep '{spec}': the range of '{name}' runs backwards ({Text(from)} > {Text(to)}); write the smaller bound first");
        }

        var count = decimal.Floor((to - from) / step) + 1;
        if (count > MaxValues)
        {
            throw new FormatException($"--sweep '{spec}': '{name}' would take {count.ToString("0", CultureInfo.InvariantCulture)} values, more than {MaxValues}; use a larger step");
        }

        var values = new List<string>((int)count);
        for (var i = 0; i < (int)count; i++)
        {
            values.Add(Text(from + (i * step)));
        }

        return values;
    }

    private static List<string> List(string spec, string name, string body)
    {
        var values = body.Split(',', StringSplitOptions.TrimEntries);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>(values.Length);
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                throw new FormatException($"--sweep '{spec}': an empty value in the list of '{name}'");
            }

            // Numbers are normalised so that 5, 5.0 and 5.00 are one point and print alike.
            var text = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Text(number) : value;
            if (!seen.Add(text))
            {
                throw new FormatException($"--sweep '{spec}': '{name}' lists {value} twice");
            }

            result.Add(text);
        }

        if (result.Count > MaxValues)
        {
            throw new FormatException($"--sweep '{spec}': '{name}' lists {result.Count} values, more than {MaxValues}");
        }

        return result;
    }

    private static decimal Number(string spec, string name, string what, string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--sweep '{spec}': the {what} of '{name}' must be a number, got '{text.Trim()}'");

    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
