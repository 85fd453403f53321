using System.Globalization;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Metrics;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>The ranked table printed at the end of a sweep: the best points with their in-sample (and out-of-sample) metrics.</summary>
internal static class SweepSummary
{
    public static Table Build(SweepReport report, int top)
    {
        var split = report.TrainUntil is not null;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Rank");
        foreach (var name in report.Plan.Names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        var objective = Markup.Escape(report.Objective.Name);
        table.AddColumns(split ? $"{objective} (in)" : objective, "Return", "Sharpe", "Max DD", "Trades");
        if (split)
        {
            table.AddColumns($"{objective} (out)", "Return (out)", "Sharpe (out)", "Trades (out)");
        }

        foreach (var column in table.Columns)
        {
            column.RightAligned();
        }

        var rank = 0;
        foreach (var result in report.Ranked.Where(static r => r.InSample is not null).Take(top))
        {
            var row = new List<string> { (++rank).ToString(CultureInfo.InvariantCulture) };
            row.AddRange(result.Point.Values.Select(Markup.Escape));
            row.AddRange(Cells(report.Objective, result.InSample!));
            if (split)
            {
                row.AddRange(result.OutOfSample is { } o ? Cells(report.Objective, o).Where((_, i) => i != 3) : ["-", "-", "-", "-"]);
            }

            if (result.Error is not null)
            {
                row[0] += " [yellow]![/]";
            }

            table.AddRow([.. row]);
        }

        var title = $"{report.Strategy} on {report.Symbol}: {report.Ranked.Count} points"
            + (report.Plan.Sampled ? $" of {report.Plan.GridSize.ToString("N0", CultureInfo.InvariantCulture)}" : string.Empty)
            + $", best {Math.Min(top, rank)} by {report.Objective.Name}";
        table.Title(Markup.Escape(title));
        return table;
    }

    private static string[] Cells(SweepObjective objective, PerformanceMetrics m) =>
    [
        SweepReportWriter.Format(Math.Round(objective.ValueOf(m), 4)),
        Percent(m.TotalReturn),
        m.Sharpe.ToString("0.00", CultureInfo.InvariantCulture),
        Percent(m.MaxDrawdown),
        m.TradeCount.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
