using Hive.Grains.Feeds;
using Hive.Trading.History;

namespace Hive.Commands.Run;

/// <summary>
/// One feed per symbol the runners trade: a simulated random walk (seeded per symbol, one-minute bars published at
/// real time × speed), a replay of the symbol's Binance candle files from <c>--data</c>, or Binance's live streams
/// (<c>--feed binance</c>: closed one-minute klines, best bid/ask and trades). Symbols without files are
/// listed in <see cref="SymbolsWithoutData"/>: their runners stay idle.
/// </summary>
internal sealed record FeedPlan(IReadOnlyList<FeedDefinition> Feeds, IReadOnlyList<string> SymbolsWithoutData)
{
    private static readonly string[] CandleExtensions = [".csv", ".zip", ".json"];

    public static FeedPlan Create(IEnumerable<string> symbols, string? dataFolder, double speed, Uri? binanceStreamUrl = null, bool formingCandles = false)
    {
        var distinct = symbols.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (binanceStreamUrl is not null)
        {
            return new FeedPlan([.. distinct.Select(s => new FeedDefinition(s, FeedSourceKind.Binance, BaseUrl: binanceStreamUrl.ToString(), IncludeFormingCandles: formingCandles))], []);
        }

        if (dataFolder is null)
        {
            return new FeedPlan(
                [.. distinct.Select(s => new FeedDefinition(s, FeedSourceKind.Simulated, Speed: speed, Seed: SeedOf(s), Interval: TimeSpan.FromMinutes(1)))],
                []);
        }

        if (!Directory.Exists(dataFolder))
        {
            throw new CliException(File.Exists(dataFolder)
                ? $"--data: {dataFolder} is a file; give the folder holding the candle files"
                : $"--data: no such folder: {dataFolder}");
        }

        var available = SymbolsIn(dataFolder);
        if (available.Count == 0)
        {
            throw new CliException($"--data: no candle files in {dataFolder} (expected Binance kline files named like NEARUSDT-1m-2026-02.csv)");
        }

        var folder = Path.GetFullPath(dataFolder);
        var feeds = distinct.Where(available.Contains).Select(s => new FeedDefinition(s, FeedSourceKind.Replay, Path: folder, Speed: speed)).ToList();
        return new FeedPlan(feeds, [.. distinct.Where(s => !available.Contains(s))]);
    }

    /// <summary>The symbols that have kline files in <paramref name="folder"/> (named like <c>NEARUSDT-1m-2026-02.csv</c>).</summary>
    public static HashSet<string> SymbolsIn(string folder)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (CandleExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) && KlineFileName.TryParse(file, out var name))
            {
                symbols.Add(name.Symbol.ToUpperInvariant());
            }
        }

        return symbols;
    }

    // A stable seed per symbol (string.GetHashCode is randomised per process), so that every run walks the same way.
    private static int SeedOf(string symbol)
    {
        var hash = 17;
        foreach (var c in symbol)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
