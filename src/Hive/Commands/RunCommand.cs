using System.CommandLine;
using System.Globalization;
using Hive.Commands.Run;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// <c>hive run</c>: the main job. Starts the embedded three-silo cluster (control, live, data) on a data directory,
/// runs the runners of a YAML file against one feed per symbol (a simulated random walk, or a replay of Binance candle
/// files), shows a live console view, and drains on Ctrl-C, SIGTERM or the end of <c>--duration</c>. Started again on
/// the same data directory it resumes the stored runners with their open positions. With <c>--postgres</c> (or
/// <c>HIVE_POSTGRES</c>) membership, grain state, stream subscriptions and the ledger are in that PostgreSQL database
/// instead, and a second run on the same database resumes.
/// </summary>
internal static class RunCommand
{
    public const string DefaultRunnersFile = "strategies/runners.yaml";
    public const string DefaultDataDirectory = "hive-data";
    public const double DefaultSpeed = 6000;
    public const string PostgresVariable = "HIVE_POSTGRES";

    public static Command Create(IAnsiConsole? console = null, StrategyCatalog? catalog = null, TimeProvider? time = null, Action<RunOutcome>? completed = null)
    {
        var runners = new Option<string>("--runners")
        {
            HelpName = "FILE",
            Description = "YAML file listing the runners (id, symbol, strategy, parameters, quantity, risk, policy).",
            DefaultValueFactory = _ => DefaultRunnersFile,
        };
        var data = new Option<string?>("--data")
        {
            HelpName = "DIR",
            Description = "Replay the Binance candle files in DIR (named like NEARUSDT-1m-2026-02.csv) instead of the simulated feed.",
        };
        var speed = new Option<string>("--speed")
        {
            HelpName = "N|max",
            Description = "Publish bars at N x real time (6000: a one-minute bar every 10 ms); max replays the --data files as fast as the runners take them.",
            DefaultValueFactory = _ => DefaultSpeed.ToString(CultureInfo.InvariantCulture),
        };
        var dataDir = new Option<string>("--data-dir")
        {
            HelpName = "DIR",
            Description = "Where grain state (state/) and the ledger (ledger/) are written; a second run on it resumes the runners.",
            DefaultValueFactory = _ => DefaultDataDirectory,
        };
        var duration = new Option<string?>("--duration")
        {
            HelpName = "TIME",
            Description = $"Stop by itself after TIME ({DurationParser.Format}); otherwise run until Ctrl-C or SIGTERM.",
        };
        var account = new Option<string>("--account")
        {
            HelpName = "NAME",
            Description = "Broker account (paper) the runners trade through.",
            DefaultValueFactory = _ => RunnerDefinition.DefaultAccount,
        };

        var remove = new Option<string[]>("--remove-runner")
        {
            HelpName = "ID",
            Description = "Remove the stored runner ID from the data directory before starting (repeatable), for example one that a limit stopped; it is not added from the runners file in this run.",
            AllowMultipleArgumentsPerToken = false,
        };

        var postgres = new Option<string?>("--postgres")
        {
            HelpName = "CONNECTION",
            Description = $"Keep membership, grain state, stream subscriptions and the ledger in this PostgreSQL database (an Npgsql connection string; default ${PostgresVariable}) instead of files; --data-dir then holds only the log.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null,
        };

        var command = new Command("run", "Run the runners of a YAML file on an embedded three-silo cluster with a live console view.");
        foreach (var option in new Option[] { runners, data, speed, dataDir, duration, account, remove, postgres })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = Parse(
                parse.GetValue(runners)!,
                parse.GetValue(data),
                parse.GetValue(speed)!,
                parse.GetValue(dataDir)!,
                parse.GetValue(duration),
                parse.GetValue(account)!,
                parse.GetValue(remove) ?? [],
                parse.GetValue(postgres));
            var session = new RunSession(console ?? CliConsole.Default(), catalog ?? StrategyCatalog.Default, time ?? TimeProvider.System);
            var outcome = await session.RunAsync(args, cancellationToken);
            completed?.Invoke(outcome);

            // A production runner that a strategy error stopped makes the run a failure, as the README says.
            var failed = outcome.Final.Runners
                .Where(static r => r.State == RunnerState.Stopped && r.Health != RunnerHealth.Paused && r.LastError is not null)
                .ToList();
            if (failed.Count > 0)
            {
                CommandRunner.WriteError(string.Join("; ", failed.Select(static r => $"runner '{r.RunnerId}' stopped on an error: {r.LastError}")));
                return ExitCodes.Failed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The longest <c>--duration</c>: the longest delay a timer takes (about 49.7 days).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static RunArguments Parse(string runners, string? data, string speedText, string dataDir, string? duration, string account, string[] remove, string? postgres)
    {
        if (postgres is not null)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"--postgres (or {PostgresVariable}) is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        foreach (var id in remove)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new CliException("--remove-runner needs a runner ID");
            }
        }

        double speed;
        if (string.Equals(speedText.Trim(), "max", StringComparison.OrdinalIgnoreCase))
        {
            if (data is null)
            {
                throw new CliException("--speed max replays --data files as fast as possible; the simulated feed needs a number");
            }

            speed = 0;
        }
        else if (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !double.IsFinite(speed) || speed <= 0)
        {
            throw new CliException($"--speed must be a positive number or max, got '{speedText}'");
        }

        if (string.IsNullOrWhiteSpace(dataDir))
        {
            throw new CliException("--data-dir must name a folder");
        }

        if (File.Exists(dataDir))
        {
            throw new CliException($"--data-dir: {dataDir} is a file, not a folder");
        }

        if (string.IsNullOrWhiteSpace(account) || !account.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new CliException($"--account must be a name of letters, digits, '_', '-' or '.', got '{account}'");
        }

        TimeSpan? limit = null;
        if (duration is not null)
        {
            if (!DurationParser.TryParse(duration, out var parsed))
            {
                throw new CliException($"--duration: cannot read '{duration}'; expected {DurationParser.Format}");
            }

            if (parsed > MaxDuration)
            {
                throw new CliException($"--duration: {duration} is longer than the longest supported duration, {MaxDuration.TotalDays:0.#} days; leave --duration out to run until Ctrl-C or SIGTERM");
            }

            limit = parsed;
        }

        return new RunArguments(runners, data, speed, dataDir, limit, account, remove, postgres);
    }
}
