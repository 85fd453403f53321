using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hive.Trading.Backtesting;

/// <summary>
/// Writes a <see cref="BacktestReport"/> as <c>report.json</c> (trades, equity curves, metrics; everything needed to
/// recompute the metrics) and <c>report.html</c> (one self-contained page: summary table, equity curves, and per symbol
/// the price chart with each runner's entries and exits marked; no external scripts or styles).
/// </summary>
public static class BacktestReportWriter
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonFileName = "report.json";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlFileName = "report.html";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
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
        try
        {
            using var stream = File.OpenRead(path);
            var report = JsonSerializer.Deserialize<BacktestReport>(stream, JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty report.");
            return report with { Prices = new Dictionary<string, IReadOnlyList<Market.Candle>>() };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a Hive backtest report: {ex.Message}", ex);
        }
    }
}
