using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Benchmarks.Backtesting;

/// <summary>
/// Data sets of the replay benchmarks: generated random-walk candles (always), and the real Binance klines of
/// <c>../shared/data/klines</c> beside the repository (or the folder named by <c>HIVE_SHARED_DATA</c>) when present.
/// </summary>
internal static class BenchmarkData
{
    public const string Generated = "generated-1x1M";
    public const string GeneratedSeven = "generated-7x200k";
    public const string SevenSymbols = "klines-7x2026-02";
    public const string NearSevenMonths = "klines-NEAR-7-months";

    private static readonly string[] Symbols = ["ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT"];

    public static IEnumerable<string> Available()
    {
        yield return Generated;
        yield return GeneratedSeven;
        if (KlinesFolder() is not null)
        {
            yield return SevenSymbols;
            yield return NearSevenMonths;
        }
    }

    public static Dictionary<string, IReadOnlyList<Candle>> Load(string name)
    {
        switch (name)
        {
            case Generated:
                return new() { ["GENUSDT"] = RandomWalkMarketDataSource.GenerateCandles("GENUSDT", 1_000_000, new RandomWalkOptions { Seed = 1 }) };
            case GeneratedSeven:
                return Symbols.Select((s, i) => (s, i)).ToDictionary(
                    x => x.s, x => (IReadOnlyList<Candle>)RandomWalkMarketDataSource.GenerateCandles(x.s, 200_000, new RandomWalkOptions { Seed = 1 }, x.i));
            case SevenSymbols:
                var folder = KlinesFolder()!;
                return Symbols.ToDictionary(s => s, s => (IReadOnlyList<Candle>)CandleHistory.LoadFile(Path.Combine(folder, $"{s}-1m-2026-02.csv"), s));
            case NearSevenMonths:
                var near = CandleHistory.LoadFolder(KlinesFolder()!).Single(s => s.Symbol == "NEARUSDT");
                return new() { ["NEARUSDT"] = near.Candles };
            default:
                throw new ArgumentException($"Unknown data set '{name}'.", nameof(name));
        }
    }

    private static string? KlinesFolder()
    {
        if (Environment.GetEnvironmentVariable("HIVE_SHARED_DATA") is { Length: > 0 } configured)
        {
            var klines = Path.Combine(configured, "klines");
            return Directory.Exists(klines) ? klines : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hive.sln")))
            {
                var klines = Path.Combine(dir.FullName, "..", "shared", "data", "klines");
                return Directory.Exists(klines) ? Path.GetFullPath(klines) : null;
            }
        }

        return null;
    }
}
