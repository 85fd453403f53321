using System.Globalization;

namespace Hive.Commands.Run;

/// <summary>Parses durations such as <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>, <c>90</c> (seconds) or <c>00:01:30</c>.</summary>
internal static class DurationParser
{
    public const string Format = "30s, 5m, 1h30m, 250ms, 90 (seconds) or hh:mm:ss";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TrySeconds(seconds, out duration);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            double? factor = text[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => null,
            };
            if (factor is not { } f)
            {
                return false;
            }

            total += number * f;
        }

        return TrySeconds(total, out duration);
    }

    private static bool TrySeconds(double seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
