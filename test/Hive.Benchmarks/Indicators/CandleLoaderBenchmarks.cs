using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Hive.Trading.History;

namespace Hive.Benchmarks.Indicators;

/// <summary>
/// Candle loading throughput: a generated 100,000-row Binance futures archive CSV (same layout and magnitudes as the
/// real files), the same rows as REST kline JSON, and, when <c>../shared/data/klines</c> is present (or
/// <c>HIVE_SHARED_DATA</c> names the data folder), the real folder of seven symbols (~541,000 rows) and NEARUSDT's seven
/// months (~290,000 rows). Rows per second = rows / mean time.
/// </summary>
[MemoryDiagnoser]
public class CandleLoaderBenchmarks
{
    private const int GeneratedRows = 100_000;
    private string _folder = null!;
    private string _csv = null!;
    private string _json = null!;
    private string? _klines;

    public static IEnumerable<string> Datasets()
    {
        yield return "generated-csv-100k";
        yield return "generated-json-100k";
        if (KlinesFolder() is not null)
        {
            yield return "klines-folder";
        }
    }

    [ParamsSource(nameof(Datasets))]
    public string Dataset { get; set; } = "generated-csv-100k";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "hive-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var csv = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        var json = new StringBuilder("[\n");
        var random = new Random(1);
        var price = 1.2060;
        var time = 1_769_904_000_000L;
        for (var i = 0; i < GeneratedRows; i++, time += 60_000)
        {
            var open = price;
            price = Math.Round(price * (1 + ((random.NextDouble() - 0.5) * 0.002)), 4);
            var high = Math.Round(Math.Max(open, price) * 1.0005, 4);
            var low = Math.Round(Math.Min(open, price) * 0.9995, 4);
            var volume = random.Next(1_000, 200_000);
            csv.Append(CultureInfo.InvariantCulture, $"{time},{open:0.0000},{high:0.0000},{low:0.0000},{price:0.0000},{volume},{time + 59_999},{volume * price:0.0000},{random.Next(100, 900)},{volume / 2},{volume * price / 2:0.0000},0\n");
            json.Append(CultureInfo.InvariantCulture, $"[{time},\"{open:0.00000000}\",\"{high:0.00000000}\",\"{low:0.00000000}\",\"{price:0.00000000}\",\"{volume}.00000000\",{time + 59_999},\"0\",1,\"0\",\"0\",\"0\"]{(i + 1 < GeneratedRows ? "," : string.Empty)}\n");
        }

        json.Append(']');
        _csv = Path.Combine(_folder, "BENCHUSDT-1m-2026-02.csv");
        _json = Path.Combine(_folder, "BENCHUSDT-1m-2026-02.json");
        File.WriteAllText(_csv, csv.ToString());
        File.WriteAllText(_json, json.ToString());
        _klines = KlinesFolder();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int Load() => Dataset switch
    {
        "generated-csv-100k" => CandleHistory.LoadFile(_csv).Length,
        "generated-json-100k" => CandleHistory.LoadFile(_json).Length,
        _ => CandleHistory.LoadFolder(_klines!).Sum(s => s.Candles.Count),
    };

    private static string? KlinesFolder()
    {
        var root = Environment.GetEnvironmentVariable("HIVE_SHARED_DATA");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); root is null && dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hive.sln")))
            {
                root = Path.Combine(dir.FullName, "..", "shared", "data");
            }
        }

        var klines = root is null ? null : Path.Combine(root, "klines");
        return klines is not null && Directory.Exists(klines) ? klines : null;
    }
}
