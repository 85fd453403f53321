namespace Hive.Binance;

/// <summary>Binance kline intervals and their lengths.</summary>
public static class BinanceIntervals
{
    /// <summary>Every interval Binance serves.</summary>
    public static IReadOnlyList<string> All { get; } = ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"];

    /// <summary>Whether <paramref name="interval"/> is one of <see cref="All"/> (case-sensitive: <c>1m</c> is a minute, <c>1M</c> a month).</summary>
    public static bool IsValid(string interval) => All.Contains(interval, StringComparer.Ordinal);

    /// <summary>The nominal length in milliseconds (a month counts 30 days).</summary>
    public static long Milliseconds(string interval) => interval switch
    {
        "1s" => 1_000,
        "1m" => 60_000,
        "3m" => 180_000,
        "5m" => 300_000,
        "15m" => 900_000,
        "30m" => 1_800_000,
        "1h" => 3_600_000,
        "2h" => 7_200_000,
        "4h" => 14_400_000,
        "6h" => 21_600_000,
        "8h" => 28_800_000,
        "12h" => 43_200_000,
        "1d" => 86_400_000,
        "3d" => 259_200_000,
        "1w" => 604_800_000,
        "1M" => 2_592_000_000,
        _ => throw new ArgumentException($"'{interval}' is not a Binance kline interval ({string.Join(", ", All)})", nameof(interval)),
    };
}
