using System.Globalization;
using System.Net;
using System.Text;
using Hive.Trading.Metrics;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// <c>sweep.html</c>: one self-contained page (inline styles, no scripts, nothing fetched) with a heat map of the
/// objective over a two-parameter sweep — rows the first parameter, columns the second, green best and red worst —
/// in-sample and, when the data is split, out-of-sample beside it, then the ten best points. Each cell's tooltip gives
/// the point's main metrics.
/// </summary>
public static class SweepHeatMap
{
    /// <summary>Renders the page; the report must sweep exactly two parameters.</summary>
    public static string Render(SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Plan.Parameters.Count != 2)
        {
            throw new ArgumentException($"A heat map needs exactly two swept parameters, the sweep has {report.Plan.Parameters.Count}.", nameof(report));
        }

        var rows = report.Plan.Parameters[0];
        var columns = report.Plan.Parameters[1];
        var byValues = report.Ranked.ToDictionary(r => (r.Point.Values[0], r.Point.Values[1]));
        var title = $"Sweep of {report.Strategy} on {report.Symbol}: {report.Objective.Name} over {rows.Name} × {columns.Name}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
            .Append("table{border-collapse:collapse}td,th{padding:3px 6px;text-align:right;font-variant-numeric:tabular-nums}")
            .Append(".map td{min-width:44px;border:1px solid #fff;font-size:12px}.map th{font-weight:600;background:#f3f3f3}")
            .Append(".none{background:#eee;color:#999}.err{background:#ddd;color:#900}.maps{display:flex;gap:40px;flex-wrap:wrap}")
            .Append(".top td,.top th{border-bottom:1px solid #ddd}.note{color:#555}</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"note\">")
            .Append(E($"Runner {report.RunnerId}, {report.Ranked.Count} points"))
            .Append(E(report.Plan.Sampled ? $" sampled from a grid of {report.Plan.GridSize}" : string.Empty))
            .Append(E($", {report.InSampleBars:N0} in-sample bars"))
            .Append(E(report.TrainUntil is { } until ? $" until {Date(until)}, {report.OutOfSampleBars:N0} out-of-sample bars" : string.Empty))
            .Append(E($". Ranked by {report.Objective.Name} ({report.Objective.Description}), {(report.Objective.LowerIsBetter ? "lower" : "higher")} is better; green is best."))
            .Append("</p>\n<div class=\"maps\">");
        Map(html, report, rows, columns, byValues, outOfSample: false);
        if (report.TrainUntil is not null)
        {
            Map(html, report, rows, columns, byValues, outOfSample: true);
        }

        html.Append("</div>\n<h2>Best points</h2>\n<table class=\"top\"><tr><th>rank</th><th>")
            .Append(E(rows.Name)).Append("</th><th>").Append(E(columns.Name)).Append("</th><th>").Append(E(report.Objective.Name))
            .Append("</th><th>return</th><th>sharpe</th><th>max DD</th><th>trades</th>");
        if (report.TrainUntil is not null)
        {
            html.Append("<th>out: ").Append(E(report.Objective.Name)).Append("</th><th>out: return</th><th>out: trades</th>");
        }

        html.Append("</tr>\n");
        var rank = 0;
        foreach (var result in report.Ranked.Where(static r => r.InSample is not null).Take(10))
        {
            var m = result.InSample!;
            html.Append("<tr><td>").Append(++rank).Append("</td><td>").Append(E(result.Point.Values[0])).Append("</td><td>")
                .Append(E(result.Point.Values[1])).Append("</td><td>").Append(SweepReportWriter.Format(Math.Round(report.Objective.ValueOf(m), 4)))
                .Append("</td><td>").Append(Percent(m.TotalReturn)).Append("</td><td>").Append(m.Sharpe.ToString("0.00", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Percent(m.MaxDrawdown)).Append("</td><td>").Append(m.TradeCount).Append("</td>");
            if (result.OutOfSample is { } o)
            {
                html.Append("<td>").Append(SweepReportWriter.Format(Math.Round(report.Objective.ValueOf(o), 4))).Append("</td><td>")
                    .Append(Percent(o.TotalReturn)).Append("</td><td>").Append(o.TradeCount).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    private static void Map(StringBuilder html, SweepReport report, SweepParameter rows, SweepParameter columns,
        Dictionary<(string, string), SweepPointResult> byValues, bool outOfSample)
    {
        var objective = report.Objective;
        var values = report.Ranked.Select(r => outOfSample ? r.OutOfSample : r.InSample).OfType<PerformanceMetrics>()
            .Select(objective.ValueOf).Where(double.IsFinite).ToArray();
        var (min, max) = values.Length == 0 ? (0d, 0d) : (values.Min(), values.Max());
        html.Append("<div><h2>").Append(outOfSample ? "Out of sample" : report.TrainUntil is null ? "All bars" : "In sample")
            .Append(": ").Append(E(objective.Name)).Append("</h2>\n<table class=\"map\"><tr><th>")
            .Append(E(rows.Name)).Append(" \\ ").Append(E(columns.Name)).Append("</th>");
        foreach (var column in columns.Values)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows.Values)
        {
            html.Append("<tr><th>").Append(E(row)).Append("</th>");
            foreach (var column in columns.Values)
            {
                if (!byValues.TryGetValue((row, column), out var result))
                {
                    html.Append("<td class=\"none\" title=\"not run\">·</td>");
                    continue;
                }

                var m = outOfSample ? result.OutOfSample : result.InSample;
                if (m is null)
                {
                    html.Append("<td class=\"err\" title=\"").Append(E(result.Error ?? "no result")).Append("\">×</td>");
                    continue;
                }

                var value = objective.ValueOf(m);
                var tip = string.Create(CultureInfo.InvariantCulture,
                    $"{rows.Name}={row} {columns.Name}={column}\n{objective.Name} {SweepReportWriter.Format(value)}\nreturn {Percent(m.TotalReturn)}, sharpe {m.Sharpe:0.00}, max DD {Percent(m.MaxDrawdown)}, {m.TradeCount} trades");
                if (result.Error is { } error)
                {
                    tip += "\n" + error;
                }

                html.Append("<td style=\"background:").Append(Color(value, min, max, objective.LowerIsBetter)).Append("\" title=\"").Append(E(tip)).Append("\">")
                    .Append(E(Short(value))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table></div>\n");
    }

    // Red (worst) through yellow to green (best), by the value's place between the smallest and largest finite values.
    private static string Color(double value, double min, double max, bool lowerIsBetter)
    {
        var t = !double.IsFinite(value) ? (value > 0 ? 1 : 0) : max > min ? (value - min) / (max - min) : 0.5;
        if (lowerIsBetter)
        {
            t = 1 - t;
        }

        var hue = 120 * Math.Clamp(t, 0, 1);
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:0},70%,{(t is > 0.35 and < 0.65 ? 62 : 55)}%)");
    }

    private static string Short(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Date(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
