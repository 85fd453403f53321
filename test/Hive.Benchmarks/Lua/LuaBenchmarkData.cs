using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Benchmarks.Lua;

/// <summary>Inputs shared by the Lua benchmarks: the shipped scripts and a fixed random walk.</summary>
internal static class LuaBenchmarkData
{
    public const string Symbol = "BTCUSDT";

    public static string Script(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "strategies", file);
            if (File.Exists(Path.Combine(dir.FullName, "Hive.sln")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Cannot find strategies/{file} above {AppContext.BaseDirectory}.");
    }

    public static Candle[] Candles(int count) =>
        RandomWalkMarketDataSource.GenerateCandles(Symbol, count, new RandomWalkOptions { Seed = 7, Bars = count, Volatility = 0.003 });
}
