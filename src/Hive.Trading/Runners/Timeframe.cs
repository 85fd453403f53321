using System.Globalization;

namespace Hive.Trading.Runners;

/// <summary>
/// The bar size a runner's strategy sees (<c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>, …): the feed's candles
/// are aggregated into closed bars of this size, aligned to UTC like Binance's klines (a <c>4h</c> bar opens at 00:00,
/// 04:00, … UTC; a <c>1d</c> bar at 00:00 UTC).
/// </summary>
/// <param name="Name">The spelling, as Binance writes intervals (<c>15m</c>).</param>
/// <param name="Milliseconds">The bar length.</param>
public readonly record struct Timeframe(string Name, long Milliseconds)
{
    /// <summary>The reserved runner parameter that carries a runner's timeframe (<c>timeframe=15m</c>).</summary>
    public const string ParameterName = "timeframe";

    /// <summary>The accepted spellings, shortest first.</summary>
    public const string Accepted = "1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d";

    private static readonly string[] Names = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"];

    /// <summary>Reads a timeframe such as <c>15m</c>, <c>1h</c> or <c>1d</c> (one of <see cref="Accepted"/>).</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || Array.IndexOf(Names, name) < 0)
        {
            return false;
        }

        var count = long.Parse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var unit = name[^1] switch
        {
            'm' => 60_000L,
            'h' => 3_600_000L,
            _ => 86_400_000L,
        };
        timeframe = new Timeframe(name, count * unit);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
