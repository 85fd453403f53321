using System.CommandLine;
using System.Globalization;
using Hive.Api.V1;
using Hive.Commands.Api;
using Spectre.Console;

namespace Hive.Commands;

/// <summary><c>hive cluster status</c>: the silos of a running cluster with role, tags, status, load and runners.</summary>
internal static class ClusterCommand
{
    public static Command Create(IAnsiConsole? console = null)
    {
        var command = new Command("cluster", "Inspect the cluster (through the gRPC API).");
        var all = new Option<bool>("--all") { Description = "Also list silos that are dead or leaving." };
        var status = new Command("status", "List the silos: role, tags, status, activations, CPU, memory and runners.");
        status.Options.Add(all);
        ApiCommand.SetAction(status, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var cluster = await c.Cluster.GetClusterStatusAsync(new GetClusterStatusRequest { IncludeInactive = parse.GetValue(all) }, deadline: ApiConnection.Deadline, cancellationToken: ct);
            if (json)
            {
                ApiOutput.Json(cluster);
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "silo", "role", "tags", "status", "activations", "CPU %", "memory MB", "runners", "address" })
            {
                table.AddColumn(column);
            }

            foreach (var silo in cluster.Silos)
            {
                table.AddRow(
                    Markup.Escape(silo.Name),
                    Markup.Escape(silo.Role),
                    Markup.Escape(string.Join(", ", silo.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value == "true" ? t.Key : $"{t.Key}={t.Value}"))),
                    Markup.Escape(silo.Status),
                    silo.Activations.ToString(CultureInfo.InvariantCulture),
                    silo.CpuPercent < 0 ? "?" : silo.CpuPercent.ToString("0.0", CultureInfo.InvariantCulture),
                    silo.MemoryBytes == 0 ? "?" : (silo.MemoryBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture),
                    Markup.Escape(silo.Runners.Count == 0 ? "-" : string.Join(", ", silo.Runners)),
                    Markup.Escape(silo.Address));
            }

            output.Write(table);
            output.WriteLine($"{cluster.Silos.Count} silo{(cluster.Silos.Count == 1 ? "" : "s")}, {cluster.RunnerCount} runner{(cluster.RunnerCount == 1 ? "" : "s")}");
            return ExitCodes.Success;
        });
        command.Subcommands.Add(status);
        return command;
    }
}
