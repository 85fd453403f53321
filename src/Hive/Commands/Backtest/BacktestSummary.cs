using System.Globalization;
using Hive.Trading.Backtesting;
using Hive.Trading.Metrics;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>The table printed at the end of <c>hive backtest</c>: one row per runner and the total.</summary>
internal static class BacktestSummary
{
    public static Table Build(BacktestReport report)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("Runner", "Symbol", "Strategy", "Trades", "Return", "Sharpe", "Max DD", "Win rate", "Final equity", "Status");
        foreach (var column in table.Columns.Skip(3).Take(6))
        {
            column.RightAligned();
        }

        foreach (var runner in report.Runners)
        {
            var status = runner.StoppedReason is { } stopped
                ? $"[red]stopped: {Markup.Escape(stopped)}[/]"
                : runner.Errors.Count > 0 ? $"[yellow]{runner.Errors.Count} errors[/]" : "[green]ok[/]";
            if (runner.RiskDenials > 0)
            {
                status += $" ({runner.RiskDenials} denied)";
            }

            table.AddRow(Row(Markup.Escape(runner.RunnerId), runner.Symbol, Markup.Escape(runner.Strategy), runner.Metrics, status));
        }

        table.AddEmptyRow();
        table.AddRow(Row("[bold]total[/]", string.Join(",", report.Prices.Keys.Count() > 3 ? [$"{report.Prices.Count} symbols"] : report.Prices.Keys), string.Empty, report.Total, string.Empty));
        return table;
    }

    private static string[] Row(string id, string symbol, string strategy, PerformanceMetrics m, string status) =>
    [
        id,
        symbol,
        strategy,
        m.TradeCount.ToString(CultureInfo.InvariantCulture),
        Percent(m.TotalReturn),
        m.Sharpe.ToString("0.00", CultureInfo.InvariantCulture),
        Percent(m.MaxDrawdown),
        m.TradeCount == 0 ? "-" : Percent(m.WinRate),
        m.FinalEquity.ToString("0.00", CultureInfo.InvariantCulture),
        status,
    ];

    private static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
