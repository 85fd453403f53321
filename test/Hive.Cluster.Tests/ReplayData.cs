using System.Globalization;
using System.Text;

namespace Hive.Cluster.Tests;

/// <summary>
/// Writes one month of one-minute candles per symbol as Binance spot kline files (no header, times in milliseconds)
/// for the replay feeds: a seeded random walk, so every run replays the same bars.
/// </summary>
internal static class ReplayData
{
    public static string Write(string folder, IEnumerable<string> symbols, int bars = 20_000)
    {
        Directory.CreateDirectory(folder);
        var seed = 11;
        foreach (var symbol in symbols)
        {
            var random = new Random(seed++);
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var price = 100.0;
            var text = new StringBuilder(bars * 80);
            for (var i = 0; i < bars; i++)
            {
                var open = price;
                price = Math.Max(1, price * (1 + ((random.NextDouble() - 0.5) * 0.01)));
                var high = Math.Max(open, price) * 1.001;
                var low = Math.Min(open, price) * 0.999;
                var time = start + (i * 60_000L);
                text.Append(CultureInfo.InvariantCulture,
                    $"{time},{open:0.0000},{high:0.0000},{low:0.0000},{price:0.0000},10.0,{time + 59_999},1000.0,10,5.0,500.0,0\n");
            }

            File.WriteAllText(Path.Combine(folder, $"{symbol}-1m-2026-01.csv"), text.ToString());
        }

        return folder;
    }
}
