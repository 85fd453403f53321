using System.Globalization;
using System.Text;
using System.Text.Json;
using Hive.Trading.Metrics;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// Writes a <see cref="SweepReport"/>: <c>sweep.csv</c> (one row per point, ranked), <c>sweep.json</c> (the sweep's
/// settings and every point with its metrics) and, when exactly two parameters are swept, <c>sweep.html</c>
/// (<see cref="SweepHeatMap"/>).
/// </summary>
public static class SweepReportWriter
{
    /// <summary>File name of the CSV table.</summary>
    public const string CsvFileName = "sweep.csv";

    /// <summary>File name of the JSON results.</summary>
    public const string JsonFileName = "sweep.json";

    /// <summary>File name of the heat map.</summary>
    public const string HtmlFileName = "sweep.html";

    /// <summary>The metric columns of each run, in the order the CSV and JSON give them.</summary>
    public static IReadOnlyList<string> MetricColumns { get; } =
        ["return", "cagr", "sharpe", "sortino", "max_drawdown", "profit_factor", "win_rate", "trades", "exposure", "net_profit", "fees", "final_equity", "trades_digest"];

    /// <summary>Writes the files into <paramref name="directory"/> (created if needed) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(SweepReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string> { Path.Combine(directory, CsvFileName), Path.Combine(directory, JsonFileName) };
        File.WriteAllText(paths[0], ToCsv(report));
        File.WriteAllText(paths[1], ToJson(report));
        if (report.Plan.Parameters.Count == 2)
        {
            paths.Add(Path.Combine(directory, HtmlFileName));
            File.WriteAllText(paths[2], SweepHeatMap.Render(report));
        }

        return paths;
    }

    /// <summary>The CSV table: rank, point, the swept values, then each run's metrics (<c>in_</c>/<c>out_</c> prefixed when split) and the error.</summary>
    public static string ToCsv(SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var split = report.TrainUntil is not null;
        var text = new StringBuilder();
        var header = new List<string> { "rank", "point" };
        header.AddRange(report.Plan.Names);
        header.AddRange(MetricColumns.Select(c => split ? "in_" + c : c));
        if (split)
        {
            header.AddRange(MetricColumns.Select(static c => "out_" + c));
        }

        header.Add("silo");
        header.Add("error");
        text.AppendJoin(',', header.Select(Csv)).Append('\n');
        var rank = 0;
        foreach (var result in report.Ranked)
        {
            var row = new List<string>
            {
                result.InSample is null ? string.Empty : (++rank).ToString(CultureInfo.InvariantCulture),
                result.Point.Index.ToString(CultureInfo.InvariantCulture),
            };
            row.AddRange(result.Point.Values);
            row.AddRange(Metrics(result.InSample, result.InSampleTrades));
            if (split)
            {
                row.AddRange(Metrics(result.OutOfSample, result.OutOfSampleTrades));
            }

            row.Add(result.Silo ?? string.Empty);
            row.Add(result.Error ?? string.Empty);
            text.AppendJoin(',', row.Select(Csv)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The JSON results.</summary>
    public static string ToJson(SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("runnerId", report.RunnerId);
            json.WriteString("symbol", report.Symbol);
            json.WriteString("strategy", report.Strategy);
            json.WriteStartObject("baseParameters");
            foreach (var (name, value) in report.BaseParameters)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("parameters");
            foreach (var parameter in report.Plan.Parameters)
            {
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteStartArray("values");
                foreach (var value in parameter.Values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("objective", report.Objective.Name);
            json.WriteBoolean("lowerIsBetter", report.Objective.LowerIsBetter);
            json.WriteNumber("gridSize", report.Plan.GridSize);
            json.WriteBoolean("sampled", report.Plan.Sampled);
            if (report.Seed is { } seed)
            {
                json.WriteNumber("seed", seed);
            }

            if (report.TrainUntil is { } until)
            {
                json.WriteNumber("trainUntil", until);
            }

            json.WriteNumber("inSampleBars", report.InSampleBars);
            json.WriteNumber("outOfSampleBars", report.OutOfSampleBars);
            json.WriteNumber("elapsedSeconds", Math.Round(report.Elapsed.TotalSeconds, 3));
            json.WriteNumber("pointsPerSecond", Math.Round(report.PointsPerSecond, 2));
            json.WriteStartArray("points");
            var rank = 0;
            foreach (var result in report.Ranked)
            {
                json.WriteStartObject();
                if (result.InSample is not null)
                {
                    json.WriteNumber("rank", ++rank);
                }

                json.WriteNumber("point", result.Point.Index);
                json.WriteStartObject("parameters");
                for (var i = 0; i < result.Point.Values.Count; i++)
                {
                    json.WriteString(report.Plan.Parameters[i].Name, result.Point.Values[i]);
                }

                json.WriteEndObject();
                if (result.InSample is { } inSample)
                {
                    json.WriteNumber("objective", report.Objective.ValueOf(inSample) is var v && double.IsFinite(v) ? v : 0);
                    WriteMetrics(json, "inSample", inSample, result.InSampleTrades);
                }

                if (result.OutOfSample is { } outOfSample)
                {
                    WriteMetrics(json, "outOfSample", outOfSample, result.OutOfSampleTrades);
                }

                if (result.Silo is { } silo)
                {
                    json.WriteString("silo", silo);
                }

                if (result.Error is { } error)
                {
                    json.WriteString("error", error);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A metric as the CSV and the tables print it: invariant culture, <c>inf</c> for an unbounded profit factor.</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "inf" : double.IsNaN(value) ? "nan" : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void WriteMetrics(Utf8JsonWriter json, string name, PerformanceMetrics m, string? trades)
    {
        json.WriteStartObject(name);
        Number("totalReturn", m.TotalReturn);
        Number("cagr", m.Cagr);
        Number("sharpe", m.Sharpe);
        Number("sortino", m.Sortino);
        Number("maxDrawdown", m.MaxDrawdown);
        Number("profitFactor", m.ProfitFactor);
        Number("winRate", m.WinRate);
        json.WriteNumber("tradeCount", m.TradeCount);
        Number("exposureTime", m.ExposureTime);
        json.WriteNumber("netProfit", m.NetProfit);
        json.WriteNumber("totalFees", m.TotalFees);
        json.WriteNumber("initialEquity", m.InitialEquity);
        json.WriteNumber("finalEquity", m.FinalEquity);
        if (trades is not null)
        {
            json.WriteString("tradesDigest", trades);
        }

        json.WriteEndObject();

        // Infinity and NaN as strings, the way report.json writes them (JsonNumberHandling.AllowNamedFloatingPointLiterals).
        void Number(string key, double value)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(key, value);
            }
            else
            {
                json.WriteString(key, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            }
        }
    }

    private static IEnumerable<string> Metrics(PerformanceMetrics? m, string? trades) => m is null
        ? MetricColumns.Select(static _ => string.Empty)
        :
        [
            Format(m.TotalReturn), Format(m.Cagr), Format(m.Sharpe), Format(m.Sortino), Format(m.MaxDrawdown), Format(m.ProfitFactor),
            Format(m.WinRate), m.TradeCount.ToString(CultureInfo.InvariantCulture), Format(m.ExposureTime),
            m.NetProfit.ToString(CultureInfo.InvariantCulture), m.TotalFees.ToString(CultureInfo.InvariantCulture),
            m.FinalEquity.ToString(CultureInfo.InvariantCulture), trades ?? string.Empty,
        ];

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
