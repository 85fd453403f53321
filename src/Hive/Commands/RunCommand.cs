using System.CommandLine;
using System.Globalization;
using Hive.Api;
using Hive.Commands.Run;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// <c>hive run</c>: the main job. Starts the embedded three-silo cluster (control, live, data) on a data directory,
/// runs the runners of a YAML file against one feed per symbol (a simulated random walk, a replay of Binance candle
/// files, or Binance's live streams with <c>--feed binance</c>), with orders filled by the paper broker or sent to Binance
/// (<c>--exchange binance</c>), shows a live console view, and drains on Ctrl-C, SIGTERM or the end of <c>--duration</c>.
/// Started again on the same data directory it resumes the stored runners with their open positions. With
/// <c>--postgres</c> (or <c>HIVE_POSTGRES</c>) membership, grain state, stream subscriptions and the ledger are in that
/// PostgreSQL database instead, and a second run on the same database resumes.
/// </summary>
internal static class RunCommand
{
    public const string DefaultRunnersFile = "strategies/runners.yaml";
    public const string DefaultDataDirectory = "hive-data";
    public const double DefaultSpeed = 6000;
    public const string PostgresVariable = "HIVE_POSTGRES";

    public static Command Create(
        IAnsiConsole? console = null, StrategyCatalog? catalog = null, TimeProvider? time = null, Action<RunOutcome>? completed = null,
        Func<string, string?>? environment = null)
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

        var feed = new Option<string>("--feed")
        {
            HelpName = "simulated|binance",
            Description = "Market data: simulated (default; --data DIR replays files instead), or binance: Binance's live streams, paper-traded at the live touch.",
            DefaultValueFactory = _ => "simulated",
        };
        var exchange = new Option<string>("--exchange")
        {
            HelpName = "paper|binance",
            Description = "Where orders go: paper (default), or binance: Binance spot, the testnet unless --production (implies --feed binance; keys from BINANCE_API_KEY and BINANCE_API_SECRET).",
            DefaultValueFactory = _ => "paper",
        };
        var production = new Option<bool>("--production")
        {
            Description = "With --exchange binance: trade on Binance production, with real money, instead of the spot testnet.",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            HelpName = "URL",
            Description = "Binance REST base URL (http or https), instead of the testnet's or production's.",
        };
        var streamUrl = new Option<string?>("--stream-url")
        {
            HelpName = "URL",
            Description = "Binance WebSocket base URL (ws or wss), instead of the testnet's or production's.",
        };

        var forming = new Option<bool>("--forming-candles")
        {
            Description = "With --feed binance: also publish the forming candle's updates (runners take the last price and protective exits from them; strategies still decide on closed bars).",
        };

        var apiPort = new Option<int>("--api-port")
        {
            HelpName = "PORT",
            Description = "Port of the gRPC API (HTTP/2 on loopback); 0 picks a free one. The address is printed and written to <data-dir>/api-endpoint.",
            DefaultValueFactory = _ => 0,
        };
        var apiToken = new Option<string?>("--api-token")
        {
            HelpName = "TOKEN",
            Description = $"Bearer token the API requires (default: ${HiveApiOptions.TokenVariable}, else a random one); printed and written to <data-dir>/api-token (owner-only).",
        };
        var httpPort = new Option<int>("--http-port")
        {
            HelpName = "PORT",
            Description = "Port of the dashboard (/, Orleans' at /dashboard), the health (/health/live, /health/ready) and Prometheus metrics (/metrics) endpoints on loopback; 0 (the default) picks a free one, printed and written to <data-dir>/http-endpoint. The dashboard and /metrics want the API token.",
            DefaultValueFactory = _ => 0,
        };
        var apiCertificate = new Option<string?>("--api-certificate") { HelpName = "FILE", Description = "Serve the API over TLS with this certificate (PFX, or PEM with --api-certificate-key)." };
        var apiCertificateKey = new Option<string?>("--api-certificate-key") { HelpName = "FILE", Description = "PEM private key of --api-certificate." };

        var command = new Command("run", "Run the runners of a YAML file on an embedded three-silo cluster with a live console view and the gRPC API.");
        foreach (var option in new Option[] { runners, data, speed, dataDir, duration, account, remove, postgres, feed, exchange, production, baseUrl, streamUrl, forming, apiPort, apiToken, apiCertificate, apiCertificateKey, httpPort })
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
                parse.GetValue(postgres)) with
            {
                Api = ApiArguments(parse.GetValue(apiPort), parse.GetValue(apiToken), parse.GetValue(apiCertificate), parse.GetValue(apiCertificateKey)),
                HttpPort = parse.GetValue(httpPort) is var port and >= 0 and <= 65535 ? port : throw new CliException($"--http-port must be a port number (0 for any free one), got {parse.GetValue(httpPort)}"),
            };
            args = ParseExchange(args, parse.GetValue(feed)!, parse.GetValue(exchange)!, parse.GetValue(production), parse.GetValue(baseUrl), parse.GetValue(streamUrl));
            if (parse.GetValue(forming))
            {
                args = args.BinanceFeed ? args with { FormingCandles = true } : throw new CliException("--forming-candles applies to --feed binance or --exchange binance");
            }

            var session = new RunSession(console ?? CliConsole.Default(), catalog ?? StrategyCatalog.Default, time ?? TimeProvider.System, environment);
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

    private static RunApiArguments ApiArguments(int port, string? token, string? certificate, string? key)
    {
        if (port is < 0 or > 65535)
        {
            throw new CliException($"--api-port must be a port number (0 for any free one), got {port}");
        }

        token ??= Environment.GetEnvironmentVariable(HiveApiOptions.TokenVariable);
        if (token is not null && (token.Length < 16 || token.Any(char.IsWhiteSpace)))
        {
            throw new CliException("--api-token: a token needs at least 16 characters and no spaces");
        }

        return new RunApiArguments(port, string.IsNullOrEmpty(token) ? null : token, certificate, key);
    }

    /// <summary>The longest <c>--duration</c>: the longest delay a timer takes (about 49.7 days).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    // --feed binance paper-trades on live data; --exchange binance also sends the orders (testnet unless --production).
    // The feed reads the same environment the orders go to: the testnet's streams with the testnet, production's
    // otherwise (market data is public).
    private static RunArguments ParseExchange(RunArguments args, string feed, string exchange, bool production, string? baseUrl, string? streamUrl)
    {
        if (feed is not ("simulated" or "binance"))
        {
            throw new CliException($"--feed must be simulated or binance, got '{feed}'");
        }

        if (exchange is not ("paper" or "binance"))
        {
            throw new CliException($"--exchange must be paper or binance, got '{exchange}'");
        }

        var orders = exchange == "binance";
        var live = feed == "binance" || orders;
        if (!live)
        {
            if (production || baseUrl is not null || streamUrl is not null)
            {
                throw new CliException($"{(production ? "--production" : baseUrl is not null ? "--base-url" : "--stream-url")} applies to --feed binance or --exchange binance");
            }

            return args;
        }

        if (args.DataFolder is not null)
        {
            throw new CliException($"--data replays files; it cannot be combined with {(orders ? "--exchange binance" : "--feed binance")}, which trades on Binance's live data");
        }

        if (production && !orders)
        {
            throw new CliException("--production applies to --exchange binance (where orders go); --feed binance alone reads production market data already");
        }

        var settings = new Hive.Grains.Exchange.ExchangeSettings
        {
            Broker = exchange,
            Production = production || !orders,
            BaseUrl = Url(baseUrl, "--base-url", "http", "https"),
            StreamUrl = Url(streamUrl, "--stream-url", "ws", "wss"),
        };
        return args with { Binance = settings, BinanceFeed = true };

        static Uri? Url(string? text, string option, params string[] schemes)
        {
            if (text is null)
            {
                return null;
            }

            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
                ? uri
                : throw new CliException($"{option} must be an absolute {string.Join(" or ", schemes)} URL, got '{text}'");
        }
    }

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
