using System.CommandLine;
using Grpc.Core;
using Hive.Commands.Api;
using Hive.Commands.Backtest;
using Hive.Api.V1;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// <c>hive runner add|list|show|remove|pause|resume|restart|reload|watch</c>: controls the runners of a running
/// cluster through the gRPC API (<c>hive.v1.RunnerService</c>).
/// </summary>
internal static class RunnerCommand
{
    public static Command Create(IAnsiConsole? console = null)
    {
        var command = new Command("runner", "Add, list, inspect, pause, resume, restart, reload, watch and remove the runners of a running cluster (through the gRPC API).");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Act("remove", "Stop and remove a runner whatever its state; the next start does not resume it.", console,
            static async (c, id, ct) =>
            {
                await c.Runners.RemoveRunnerAsync(new RunnerRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: ct);
                return null;
            }));
        command.Subcommands.Add(Act("pause", "Stop a runner's trading; its position stays open.", console,
            static async (c, id, ct) => await c.Runners.PauseRunnerAsync(new RunnerRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: ct)));
        command.Subcommands.Add(Act("resume", "Resume a paused or error-stopped runner.", console,
            static async (c, id, ct) => await c.Runners.ResumeRunnerAsync(new RunnerRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: ct)));
        command.Subcommands.Add(Act("restart", "Rebuild a runner's strategy keeping position and context, resuming it if an error stopped it.", console,
            static async (c, id, ct) => await c.Runners.RestartRunnerAsync(new RunnerRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: ct)));
        command.Subcommands.Add(Act("reload", "Read a runner's Lua script again keeping position, context and state.", console,
            static async (c, id, ct) => await c.Runners.ReloadRunnerAsync(new RunnerRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: ct)));
        command.Subcommands.Add(Watch(console));
        return command;
    }

    private static Command Add(IAnsiConsole? console)
    {
        var runners = new Option<string?>("--runners") { HelpName = "FILE", Description = "YAML file listing runners (the runners.yaml format)." };
        var runner = new Option<string[]>("--runner") { HelpName = RunnerSpec.Format, Description = "A runner in one line, e.g. near_ema:NEARUSDT:ema-cross:fast=12,slow=26. Repeatable." };
        var account = new Option<string?>("--account") { HelpName = "NAME", Description = "Account of the runners that name none (default: paper)." };
        var command = new Command("add", "Add and start runners from --runners FILE and/or --runner specs; all are checked before the first is added.");
        command.Options.Add(runners);
        command.Options.Add(runner);
        command.Options.Add(account);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var request = new AddRunnersRequest { Account = parse.GetValue(account) ?? string.Empty };
            request.Specs.AddRange((parse.GetValue(runner) ?? []).Select(LocalScriptPath));
            if (parse.GetValue(runners) is { } file)
            {
                if (!File.Exists(file))
                {
                    throw new CliException($"--runners: file not found: {file}");
                }

                // The silo parses the text and names this file in its errors; relative script paths resolve beside it.
                request.RunnersYaml = await File.ReadAllTextAsync(file, ct);
                request.SourceName = file;
                request.BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? string.Empty;
            }

            if (request.Specs.Count == 0 && request.RunnersYaml.Length == 0)
            {
                throw new CliException($"no runners: give --runners FILE.yaml or --runner {RunnerSpec.Format}");
            }

            var response = await c.Runners.AddRunnersAsync(request, deadline: ApiConnection.Deadline, cancellationToken: ct);
            if (json)
            {
                ApiOutput.Json(response);
            }
            else
            {
                output.Write(ApiOutput.RunnerTable(response.Runners));
                output.WriteLine($"added {response.Runners.Count} runner{(response.Runners.Count == 1 ? "" : "s")}: {string.Join(", ", response.Runners.Select(r => r.Id))}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    // A script named in a spec resolves on the silo: a file that exists here goes by its full path, so that a local
    // hive run finds it whatever its working directory.
    private static string LocalScriptPath(string spec)
    {
        var parts = spec.Split(':', 4);
        if (parts.Length >= 3 && parts[2].EndsWith(".lua", StringComparison.OrdinalIgnoreCase) && File.Exists(parts[2]) && !Path.IsPathRooted(parts[2]))
        {
            parts[2] = Path.GetFullPath(parts[2]);
            return string.Join(':', parts);
        }

        return spec;
    }

    private static Command List(IAnsiConsole? console)
    {
        var symbol = new Option<string?>("--symbol") { HelpName = "SYMBOL", Description = "Only runners trading SYMBOL." };
        var state = new Option<string?>("--state") { HelpName = "STATE", Description = "Only runners in STATE: idle, analyzing, in-position, stopped." };
        var health = new Option<string?>("--health") { HelpName = "HEALTH", Description = "Only runners with HEALTH: healthy, degraded, unhealthy, paused." };
        var command = new Command("list", "List the runners with state, health, position, P&L and order counts.");
        command.Options.Add(symbol);
        command.Options.Add(state);
        command.Options.Add(health);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var request = new ListRunnersRequest
            {
                Symbol = parse.GetValue(symbol) ?? string.Empty,
                State = parse.GetValue(state) switch
                {
                    null => RunnerState.Unspecified,
                    var s => s.ToLowerInvariant() switch
                    {
                        "idle" => RunnerState.Idle,
                        "analyzing" => RunnerState.Analyzing,
                        "in-position" or "inposition" or "in_position" => RunnerState.InPosition,
                        "stopped" => RunnerState.Stopped,
                        _ => throw new CliException($"--state: expected idle, analyzing, in-position or stopped, got '{s}'"),
                    },
                },
                Health = parse.GetValue(health) switch
                {
                    null => RunnerHealth.Unspecified,
                    var h => h.ToLowerInvariant() switch
                    {
                        "healthy" => RunnerHealth.Healthy,
                        "degraded" => RunnerHealth.Degraded,
                        "unhealthy" => RunnerHealth.Unhealthy,
                        "paused" => RunnerHealth.Paused,
                        _ => throw new CliException($"--health: expected healthy, degraded, unhealthy or paused, got '{h}'"),
                    },
                },
            };
            var response = await c.Runners.ListRunnersAsync(request, deadline: ApiConnection.Deadline, cancellationToken: ct);
            if (json)
            {
                ApiOutput.Json(response);
            }
            else
            {
                output.Write(ApiOutput.RunnerTable(response.Runners));
                output.WriteLine($"{response.Runners.Count} runner{(response.Runners.Count == 1 ? "" : "s")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(IAnsiConsole? console)
    {
        var id = new Argument<string>("ID") { Description = "The runner ID." };
        var command = new Command("show", "Show one runner: state, health, position, P&L, orders, silo and deployment.");
        command.Arguments.Add(id);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var runner = await c.Runners.GetRunnerAsync(new RunnerRequest { Id = parse.GetValue(id)! }, deadline: ApiConnection.Deadline, cancellationToken: ct);
            if (json)
            {
                ApiOutput.Json(runner);
            }
            else
            {
                ApiOutput.WriteRunner(output, runner);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Act(string name, string description, IAnsiConsole? console, Func<ApiConnection, string, CancellationToken, Task<Runner?>> call)
    {
        var id = new Argument<string>("ID") { Description = "The runner ID." };
        var command = new Command(name, description);
        command.Arguments.Add(id);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var runnerId = parse.GetValue(id)!;
            var runner = await call(c, runnerId, ct);
            if (json)
            {
                ApiOutput.Json(runner ?? (Google.Protobuf.IMessage)new RemoveRunnerResponse { Id = runnerId });
            }
            else if (runner is null)
            {
                output.WriteLine($"{name}: {runnerId}");
            }
            else
            {
                output.WriteLine($"{name}: {runner.Id} is {ApiOutput.State(runner.State)}, {ApiOutput.Health(runner.Health)}{(runner.StoppedReason.Length > 0 ? $" ({runner.StoppedReason})" : "")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Watch(IAnsiConsole? console)
    {
        var id = new Argument<string>("ID") { Description = "The runner ID." };
        var count = new Option<int?>("--count") { HelpName = "N", Description = "Stop after N events (the first is the snapshot); default: until Ctrl-C or the runner's removal." };
        var command = new Command("watch", "Print a runner's events as they happen: signals, transitions, orders, fills, denials, fencing, errors, health.");
        command.Arguments.Add(id);
        command.Options.Add(count);
        ApiCommand.SetAction(command, new ApiClientOptions(), console, async (c, parse, output, json, ct) =>
        {
            var limit = parse.GetValue(count);
            if (limit is <= 0)
            {
                throw new CliException($"--count must be positive, got {limit}");
            }

            using var call = c.Runners.Watch(new WatchRequest { Id = parse.GetValue(id)! }, cancellationToken: ct);
            var seen = 0;
            try
            {
                await foreach (var e in call.ResponseStream.ReadAllAsync(ct))
                {
                    if (json)
                    {
                        ApiOutput.Json(e);
                    }
                    else
                    {
                        output.WriteLine($"{ApiOutput.Time(e.TimeMs)} {Kind(e.Kind),-10} {ApiOutput.State(e.State),-10} {e.Message}");
                    }

                    if (++seen == limit)
                    {
                        break;
                    }
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                // Ctrl-C ends a watch; that is its normal end.
                return ExitCodes.Success;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Kind(RunnerEventKind kind) => kind.ToString().ToLowerInvariant();
}
