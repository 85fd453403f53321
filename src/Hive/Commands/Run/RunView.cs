using System.Globalization;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hive.Commands.Run;

/// <summary>Renders <see cref="RunSnapshot"/>s: the live table, the one-line summary for piped output, the final table.</summary>
internal static class RunView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The runners table; below 120 columns of console width the strategy and entry columns are left out.</summary>
    public static IRenderable Build(RunSnapshot snapshot, string title, int width)
    {
        var wide = width >= 120;
        var table = new Table().Border(wide ? TableBorder.Rounded : TableBorder.Simple);
        table.Title = new TableTitle(title);
        table.AddColumn("Runner");
        table.AddColumn("Symbol");
        if (wide)
        {
            table.AddColumn("Strategy");
        }

        table.AddColumn("State");
        table.AddColumn(new TableColumn("Position").RightAligned());
        if (wide)
        {
            table.AddColumn(new TableColumn("Entry").RightAligned());
        }

        table.AddColumn(new TableColumn("P&L").RightAligned());
        table.AddColumn(new TableColumn("Trades").RightAligned());
        table.AddColumn(new TableColumn("Orders").RightAligned());
        table.AddColumn("Health");
        foreach (var runner in snapshot.Runners.OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.RunnerId, StringComparer.Ordinal))
        {
            var cells = new List<string> { Markup.Escape(runner.RunnerId), Markup.Escape(runner.Symbol) };
            if (wide)
            {
                cells.Add(Markup.Escape(ShortStrategy(runner.Strategy)));
            }

            cells.Add(State(runner));
            cells.Add(Position(runner.PositionQuantity));
            if (wide)
            {
                cells.Add(runner.PositionQuantity == 0 ? "" : Number(runner.EntryPrice));
            }

            cells.Add(Pnl(runner.RealizedPnl + runner.UnrealizedPnl));
            cells.Add(runner.Trades.ToString(Invariant));
            cells.Add(Orders(runner));
            cells.Add(Health(runner));
            table.AddRow([.. cells]);
        }

        table.Caption = new TableTitle(Markup.Escape(Caption(snapshot)));
        return table;
    }

    public static string SummaryLine(RunSnapshot snapshot)
    {
        var healthy = snapshot.Runners.Count(r => r.Health == RunnerHealth.Healthy);
        var inPosition = snapshot.Runners.Count(r => r.PositionQuantity != 0);
        var pnl = snapshot.Runners.Sum(r => r.RealizedPnl + r.UnrealizedPnl);
        return string.Create(Invariant,
            $"[{Clock(snapshot.Elapsed)}] events {snapshot.EventsPublished:N0} | runners {snapshot.Runners.Count} ({healthy} healthy, {inPosition} in position) | orders filled {snapshot.OrdersFilled:N0}, fenced {snapshot.OrdersFenced:N0}, denied {snapshot.OrdersDenied:N0} | P&L {pnl:+0.00;-0.00;0.00}");
    }

    private static string Caption(RunSnapshot snapshot)
    {
        var time = snapshot.Duration is { } d ? $"{Clock(snapshot.Elapsed)} / {Clock(d)}" : Clock(snapshot.Elapsed);
        var feeds = snapshot.Feeds.Count == 0
            ? "no feeds"
            : string.Join(", ", snapshot.Feeds.Select(f => string.Create(Invariant, $"{f.Symbol} {f.EventsPublished:N0}{(f.Error is null ? "" : " (failed)")}")));
        var idle = snapshot.IdleSymbols.Count == 0 ? "" : $" | no data: {string.Join(", ", snapshot.IdleSymbols)}";
        var kill = snapshot.Gateway is { } g && g.KillSwitch != Trading.Risk.KillSwitchLevel.Off ? $" | kill switch {g.KillSwitch}" : "";
        return string.Create(Invariant,
            $"{time} | events: {feeds}{idle} | orders filled {snapshot.OrdersFilled:N0}, fenced {snapshot.OrdersFenced:N0}, denied {snapshot.OrdersDenied:N0}{kill}");
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", Invariant)
        : t.ToString(@"mm\:ss", Invariant);

    private static string ShortStrategy(string strategy) =>
        strategy.EndsWith(".lua", StringComparison.OrdinalIgnoreCase) ? Path.GetFileName(strategy) : strategy;

    private static string State(RunnerStatus runner) => runner.State switch
    {
        RunnerState.InPosition => "[green]in pos[/]",
        RunnerState.Analyzing => "[yellow]analyzing[/]",
        RunnerState.Stopped => runner.StoppedReason is { } reason ? $"[red]stopped[/] {Markup.Escape(Trim(reason, 40))}" : "[red]stopped[/]",
        _ => "idle",
    };

    private static string Health(RunnerStatus runner) => runner.Health switch
    {
        RunnerHealth.Healthy => "[green]healthy[/]",
        RunnerHealth.Degraded => "[yellow]degraded[/]",
        RunnerHealth.Paused => "[blue]paused[/]",
        _ => "[red]unhealthy[/]",
    };

    private static string Orders(RunnerStatus runner)
    {
        var text = runner.OrdersFilled.ToString(Invariant);
        if (runner.OrdersDenied > 0)
        {
            text += string.Create(Invariant, $" [yellow]{runner.OrdersDenied} denied[/]");
        }

        if (runner.OrdersFenced > 0)
        {
            text += string.Create(Invariant, $" [red]{runner.OrdersFenced} fenced[/]");
        }

        return text;
    }

    private static string Position(decimal quantity) => quantity switch
    {
        > 0 => $"long {Number(quantity)}",
        < 0 => $"short {Number(-quantity)}",
        _ => "flat",
    };

    private static string Pnl(decimal pnl) => pnl switch
    {
        > 0 => $"[green]{pnl.ToString("+0.00", Invariant)}[/]",
        < 0 => $"[red]{pnl.ToString("0.00", Invariant)}[/]",
        _ => "0.00",
    };

    private static string Number(decimal value) => value.ToString("0.########", Invariant);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
