using System.Globalization;
using Google.Protobuf;
using Hive.Api.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hive.Commands.Api;

/// <summary>How control commands print the API's answers: tables on a terminal (plain when piped), or proto3 JSON.</summary>
internal static class ApiOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>One message as one line of JSON.</summary>
    public static void Json(IMessage message) => Console.Out.WriteLine(Formatter.Format(message));

    public static Table RunnerTable(IEnumerable<Runner> runners)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "runner", "symbol", "strategy", "state", "health", "position", "realized P&L", "equity", "filled", "denied", "fenced", "silo" })
        {
            table.AddColumn(column);
        }

        foreach (var r in runners)
        {
            table.AddRow(Cells(r.Id, r.Symbol, Path.GetFileName(r.Strategy), State(r.State), Health(r.Health), r.Position, Money(r.RealizedPnl), Money(r.Equity),
                Count(r.OrdersFilled), Count(r.OrdersDenied), Count(r.OrdersFenced), r.Silo));
        }

        return table;
    }

    public static void WriteRunner(IAnsiConsole console, Runner r)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("runner", r.Id);
        Row("symbol", r.Symbol);
        Row("strategy", r.Strategy);
        Row("account", r.Account);
        Row("state", State(r.State));
        Row("health", Health(r.Health));
        Row("position", r.Position == "0" ? "flat" : $"{r.Position} @ {r.EntryPrice}");
        Row("realized P&L", Money(r.RealizedPnl));
        Row("unrealized P&L", Money(r.UnrealizedPnl));
        Row("equity", Money(r.Equity));
        Row("trades", Count(r.Trades));
        Row("orders", $"{r.OrdersFilled} filled, {r.OrdersDenied} denied, {r.OrdersFenced} fenced");
        Row("bars", r.BarsProcessed.ToString("N0", CultureInfo.InvariantCulture));
        Row("last event", r.LastEventTimeMs == 0 ? "none" : Time(r.LastEventTimeMs));
        Row("started", Time(r.StartedAtMs));
        Row("silo", r.Silo);
        Row("deployment", $"epoch {r.DeploymentEpoch} ({r.DeploymentActivation})");
        if (r.StoppedReason.Length > 0)
        {
            Row("stopped", r.StoppedReason);
        }

        if (r.LastError.Length > 0)
        {
            Row("last error", r.LastError);
        }

        console.Write(grid);
    }

    public static string State(RunnerState state) => state switch
    {
        RunnerState.Idle => "Idle",
        RunnerState.Analyzing => "Analyzing",
        RunnerState.InPosition => "InPosition",
        RunnerState.Stopped => "Stopped",
        _ => "?",
    };

    public static string Health(RunnerHealth health) => health switch
    {
        RunnerHealth.Healthy => "Healthy",
        RunnerHealth.Degraded => "Degraded",
        RunnerHealth.Unhealthy => "Unhealthy",
        RunnerHealth.Paused => "Paused",
        _ => "?",
    };

    public static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Money(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("0.00", CultureInfo.InvariantCulture) : value;

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IRenderable[] Cells(params string[] values) => [.. values.Select(static v => (IRenderable)new Text(v))];
}
