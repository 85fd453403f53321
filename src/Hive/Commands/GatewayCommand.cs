using System.CommandLine;
using Hive.Api.V1;
using Hive.Commands.Api;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// <c>hive gateway status</c> and <c>hive kill-switch on|reducing|off</c>: an account's gateway (deployments, epochs,
/// order counts, kill switch, limits) through the gRPC API.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create(IAnsiConsole? console = null)
    {
        var command = new Command("gateway", "Inspect an account's gateway (through the gRPC API).");
        var account = AccountOption();
        var status = new Command("status", "Show the gateway of an account: lease epoch, runner deployments and epochs, order counts, kill switch, account limits.");
        status.Options.Add(account);
        ApiCommand.SetAction(status, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var gateway = await c.Gateway.GetGatewayStatusAsync(new GetGatewayStatusRequest { Account = parse.GetValue(account) ?? string.Empty }, deadline: ApiConnection.Deadline, cancellationToken: ct);
            Write(gateway, output, json);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(status);
        return command;
    }

    public static Command CreateKillSwitch(IAnsiConsole? console = null)
    {
        var level = new Argument<string>("LEVEL") { Description = "on (halted: nothing new is sent), reducing (only exposure-reducing orders) or off." };
        var account = AccountOption();
        var reason = new Option<string?>("--reason") { HelpName = "TEXT", Description = "Why; recorded in the ledger and quoted in denials. Required for on and reducing." };
        var command = new Command("kill-switch", "Set an account's kill switch (through the gRPC API).");
        command.Arguments.Add(level);
        command.Options.Add(account);
        command.Options.Add(reason);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var text = parse.GetValue(level)!;
            var request = new SetKillSwitchRequest
            {
                Account = parse.GetValue(account) ?? string.Empty,
                Level = text.ToLowerInvariant() switch
                {
                    "on" or "halted" => KillSwitchLevel.Halted,
                    "reducing" => KillSwitchLevel.Reducing,
                    "off" => KillSwitchLevel.Off,
                    _ => throw new CliException($"kill-switch: expected on, reducing or off, got '{text}'"),
                },
                Reason = parse.GetValue(reason) ?? string.Empty,
            };
            if (request.Level != KillSwitchLevel.Off && string.IsNullOrWhiteSpace(request.Reason))
            {
                throw new CliException($"kill-switch {text}: give --reason TEXT (it is recorded in the ledger and quoted in denials)");
            }

            var gateway = await c.Gateway.SetKillSwitchAsync(request, deadline: ApiConnection.Deadline, cancellationToken: ct);
            if (json)
            {
                ApiOutput.Json(gateway);
            }
            else
            {
                output.WriteLine($"kill switch of {gateway.Account}: {Level(gateway.KillSwitch)}{(gateway.KillSwitchReason.Length > 0 ? $" ({gateway.KillSwitchReason})" : "")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string?> AccountOption() => new("--account") { HelpName = "NAME", Description = "The broker account (default: paper)." };

    private static void Write(GatewayStatus g, IAnsiConsole output, bool json)
    {
        if (json)
        {
            ApiOutput.Json(g);
            return;
        }

        output.WriteLine($"gateway {g.Account}: lease epoch {g.GatewayEpoch}{(g.Authoritative ? "" : " (NOT authoritative: accepts no orders)")}, kill switch {Level(g.KillSwitch)}{(g.KillSwitchReason.Length > 0 ? $" ({g.KillSwitchReason})" : "")}");
        output.WriteLine($"orders: {g.OrdersFilled} filled, {g.OrdersDenied} denied, {g.OrdersFenced} fenced, {g.OrdersRejected} rejected, {g.DuplicatesAbsorbed} duplicates absorbed");
        var limits = g.AccountLimits;
        var set = new[]
        {
            ("max order quantity", limits?.MaxOrderQuantity), ("max order notional", limits?.MaxOrderNotional),
            ("max position", limits?.MaxPosition), ("max exposure", limits?.MaxExposure),
            ("max orders/s", limits is { MaxOrdersPerSecond: > 0 } ? limits.MaxOrdersPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        }.Where(static l => !string.IsNullOrEmpty(l.Item2)).Select(static l => $"{l.Item1} {l.Item2}").ToList();
        output.WriteLine($"account limits: {(set.Count == 0 ? "none" : string.Join(", ", set))}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("runner").AddColumn("epoch").AddColumn("activation");
        foreach (var d in g.Deployments)
        {
            table.AddRow(Markup.Escape(d.RunnerId), d.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(d.Activation));
        }

        output.Write(table);
        foreach (var fenced in g.RecentFenced)
        {
            output.WriteLine($"fenced: {fenced}");
        }
    }

    private static string Level(KillSwitchLevel level) => level switch
    {
        KillSwitchLevel.Halted => "halted",
        KillSwitchLevel.Reducing => "reducing",
        _ => "off",
    };
}
