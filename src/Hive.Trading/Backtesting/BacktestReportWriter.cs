using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Writes a <see cref="BacktestReport"/> as <c>report.json</c> (trades, signals, denials, equity curves at the report's
/// resolution, metrics; everything needed to recompute the metrics), when asked <c>equity-full.json</c> (every bar's
/// equity, in columns) and <c>report.html</c> (one self-contained page: summary table, equity curves, and per symbol
/// the price chart with each runner's entries and exits marked; no external scripts or styles).
/// </summary>
public static class BacktestReportWriter
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonFileName = "report.json";

    /// <summary>File name of the bar-by-bar equity curves, written when the report has them (<see cref="BacktestOptions.FullEquity"/>).</summary>
    public const string FullEquityFileName = "equity-full.json";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFileName = "report.html";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase),
            new TradeRowsJsonConverter(),
            new SignalColumnsJsonConverter(),
            new EquityColumnsJsonConverter(),
        },
    };

    /// <summary>Writes <c>report.json</c> and <c>report.html</c> into <paramref name="directory"/>, creating it if needed.</summary>
    /// <returns>The paths written, JSON first.</returns>
    public static (string JsonPath, string HtmlPath) Write(BacktestReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);

        var jsonPath = Path.Combine(directory, JsonFileName);
        using (var stream = File.Create(jsonPath))
        {
            JsonSerializer.Serialize(stream, report, JsonOptions);
        }

        if (report.FullTotalEquity is { } total)
        {
            WriteFullEquity(report, total, Path.Combine(directory, FullEquityFileName));
        }

        var htmlPath = Path.Combine(directory, HtmlFileName);
        File.WriteAllText(htmlPath, BacktestReportHtml.Render(report));
        return (jsonPath, htmlPath);
    }

    /// <summary>The JSON form of <paramref name="report"/> (prices omitted).</summary>
    public static string ToJson(BacktestReport report) => JsonSerializer.Serialize(report, JsonOptions);

    /// <summary>Reads a report written by <see cref="Write"/>; its <see cref="BacktestReport.Prices"/> is empty.</summary>
    /// <exception cref="InvalidDataException">The file is not a Hive backtest report.</exception>
    public static BacktestReport ReadJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a report from its JSON text (<see cref="ToJson"/>); errors name <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a Hive backtest report.</exception>
    public static BacktestReport ParseJson(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Read(stream, source);
    }

    private static BacktestReport Read(Stream stream, string source)
    {
        try
        {
            var report = JsonSerializer.Deserialize<BacktestReport>(stream, JsonOptions)
                ?? throw new InvalidDataException($"{source}: empty report.");
            // Trade rows leave out the runner and symbol they share with their runner.
            var runners = report.Runners
                .Select(static r => r with { Trades = [.. r.Trades.Select(t => t with { RunnerId = r.RunnerId, Symbol = r.Symbol })] })
                .ToArray();
            return report with { Runners = runners, Prices = new Dictionary<string, IReadOnlyList<Market.Candle>>() };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a Hive backtest report: {ex.Message}", ex);
        }
    }

    private static void WriteFullEquity(BacktestReport report, IReadOnlyList<Portfolio.EquityPoint> total, string path)
    {
        var columns = new EquityColumnsJsonConverter();
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WritePropertyName("total");
        columns.Write(writer, total, JsonOptions);
        writer.WriteStartObject("runners");
        foreach (var runner in report.Runners)
        {
            if (runner.FullEquity is { } equity)
            {
                writer.WritePropertyName(runner.RunnerId);
                columns.Write(writer, equity, JsonOptions);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
