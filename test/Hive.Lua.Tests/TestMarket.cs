using System.Globalization;
using Hive.Testing;
using Hive.Trading.Market;

namespace Hive.Lua.Tests;

/// <summary>Market data made by the tests: a fixed, generated series with trends, ranges and noise; and the shared klines.</summary>
internal static class TestMarket
{
    public const string Symbol = "TESTUSDT";

    public static string StrategiesFolder => Path.Combine(SharedData.RepositoryRoot, "strategies");

    public static string Strategy(string file) => Path.Combine(StrategiesFolder, file);

    /// <summary>
    /// One-minute candles from a fixed recipe: a log-price walk whose drift follows two slow sine waves (so there are
    /// up trends, down trends and ranges) plus noise from a 64-bit linear congruential generator. Same numbers on every
    /// machine: only IEEE arithmetic on doubles, no library randomness.
    /// </summary>
    public static Candle[] Generate(int count, ulong seed = 42)
    {
        var candles = new Candle[count];
        var state = seed;
        var logPrice = Math.Log(100.0);
        const long start = 1_767_225_600_000;
        for (var i = 0; i < count; i++)
        {
            var drift = (0.0012 * Math.Sin(i / 70.0)) + (0.0006 * Math.Sin(i / 23.0));
            var noise = (Next(ref state) - 0.5) * 0.006;
            var open = Math.Exp(logPrice);
            logPrice += drift + noise;
            var close = Math.Exp(logPrice);
            var high = Math.Max(open, close) * (1 + (Next(ref state) * 0.002));
            var low = Math.Min(open, close) * (1 - (Next(ref state) * 0.002));
            var volume = 10 + (Next(ref state) * 90);
            var openTime = start + (i * 60_000L);
            candles[i] = new Candle(Symbol, openTime, openTime + 59_999, open, high, low, close, volume, true);
        }

        return candles;
    }

    private static double Next(ref ulong state)
    {
        state = (state * 6364136223846793005UL) + 1442695040888963407UL;
        return (state >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Reads a Binance archive kline file (header row, epoch-millisecond times).</summary>
    public static Candle[] ReadKlines(string path, string symbol)
    {
        var list = new List<Candle>(45_000);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || !char.IsAsciiDigit(line[0]))
            {
                continue;
            }

            var f = line.Split(',');
            var openTime = long.Parse(f[0], CultureInfo.InvariantCulture);
            var closeTime = long.Parse(f[6], CultureInfo.InvariantCulture);
            list.Add(new Candle(symbol, openTime, closeTime, D(f[1]), D(f[2]), D(f[3]), D(f[4]), D(f[5]), true));
        }

        return [.. list];

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }
}
