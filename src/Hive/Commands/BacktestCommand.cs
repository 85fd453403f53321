using System.CommandLine;
using System.Globalization;
using Hive.Commands.Api;
using Hive.Commands.Backtest;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Commands;

/// <summary>
/// <c>hive backtest</c>: replays candle files (or generated random-walk data) through runners and writes a report.
/// Strategy names resolve in <see cref="StrategyCatalog.Default"/> unless a catalog is given, so a host that adds a
/// resolver there (the Lua host claiming <c>*.lua</c> paths) makes its strategies available here.
/// </summary>
internal static class BacktestCommand
{
    private const long ProgressThreshold = 200_000;

    public static Command Create(StrategyCatalog? catalog = null, IAnsiConsole? console = null)
    {
        var data = new Option<string[]>("--data")
        {
            HelpName = "PATH|SYMBOL=PATH",
            Description = "Candle file or folder (Binance kline archive CSV/zip, REST JSON, plain CSV); SYMBOL=PATH names the symbol. Repeatable.",
        };
        var generate = new Option<string[]>("--generate")
        {
            HelpName = "SYMBOL:BARS[:SEED]",
            Description = $"Generate random-walk candles instead of (or beside) files: {BacktestData.GenerateFormat}, e.g. BTCUSDT:100000:42. Repeatable.",
        };
        var runner = new Option<string[]>("--runner")
        {
            HelpName = "ID:SYMBOL:STRATEGY[:k=v,...]",
            Description = $"A runner: {RunnerSpec.Format}, e.g. near_ema:NEARUSDT:ema-cross:fast=12,slow=26. Repeatable.",
        };
        var runners = new Option<string?>("--runners") { HelpName = "FILE", Description = "YAML file listing runners (id, symbol, strategy, parameters, quantity, risk, policy)." };
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "Folder for report.json and report.html.", Required = true };
        var equity = new Option<decimal>("--initial-equity") { HelpName = "AMOUNT", Description = "Starting equity of each runner, in quote currency.", DefaultValueFactory = _ => 10_000m };
        var fee = new Option<decimal>("--fee-bps") { HelpName = "BPS", Description = "Fee per fill in basis points of notional (10 = 0.1 %, Binance spot taker).", DefaultValueFactory = _ => 10m };
        var slippage = new Option<decimal>("--slippage-bps") { HelpName = "BPS", Description = "Adverse slippage on market and stop fills, in basis points.", DefaultValueFactory = _ => 0m };
        var keepOpen = new Option<bool>("--keep-open") { Description = "Leave positions open at the end (marked to market) instead of closing them at the last close." };
        var fullEquity = new Option<bool>("--full-equity")
        {
            Description = $"Also write every bar's equity, per runner and total, in columns to {BacktestReportWriter.FullEquityFileName} (report.json keeps one point per hour or coarser; metrics are exact either way).",
        };

        var timings = new Option<bool>("--timings") { Description = "Print how long loading, the replay (with bars per second) and writing the report took." };

        var api = new ApiClientOptions();
        api.Server.Description = "Run the backtest or sweep on the data silos of the cluster whose gRPC API is at URL (data paths are read there), with a progress bar.";
        var command = new Command("backtest", "Replay candle files through runners and write a report (here, or on a cluster's data silos with --server), or sweep a runner's parameters (--sweep).");
        foreach (var option in new Option[] { data, generate, runner, runners, output, equity, fee, slippage, keepOpen, fullEquity, timings, api.Server, api.Token, api.DataDirectory })
        {
            command.Options.Add(option);
        }

        var sweep = new SweepOptions();
        sweep.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var sweepArguments = sweep.Read(parse);
            var arguments = new Arguments(
                parse.GetValue(data) ?? [],
                parse.GetValue(generate) ?? [],
                parse.GetValue(runner) ?? [],
                parse.GetValue(runners),
                parse.GetValue(output)!,
                parse.GetValue(equity),
                parse.GetValue(fee),
                parse.GetValue(slippage),
                parse.GetValue(keepOpen),
                parse.GetValue(fullEquity),
                parse.GetValue(timings));
            if (parse.GetValue(api.Server) is not null)
            {
                if (sweepArguments is not null)
                {
                    return RemoteSweep.RunAsync(api.Connect(parse), console ?? CliConsole.Default(), arguments, sweepArguments, cancellationToken);
                }

                return RemoteBacktest.RunAsync(
                    api.Connect(parse),
                    console ?? CliConsole.Default(),
                    new RemoteBacktest.Arguments(
                        arguments.Data, arguments.Generate, arguments.Runner, arguments.RunnersFile, arguments.Output,
                        arguments.InitialEquity, arguments.FeeBps, arguments.SlippageBps, arguments.KeepOpen),
                    cancellationToken);
            }

            return sweepArguments is not null
                ? SweepCommand.RunAsync(catalog ?? StrategyCatalog.Default, console ?? CliConsole.Default(), arguments, sweepArguments, cancellationToken)
                : Task.FromResult(Run(catalog ?? StrategyCatalog.Default, console ?? CliConsole.Default(), arguments, cancellationToken));
        });
        return command;
    }

    private static int Run(StrategyCatalog catalog, IAnsiConsole console, Arguments args, CancellationToken cancellationToken)
    {
        if (args.InitialEquity <= 0)
        {
            throw new CliException($"--initial-equity must be positive, got {args.InitialEquity.ToString(CultureInfo.InvariantCulture)}");
        }

        BacktestOptions options;
        try
        {
            options = BacktestInputs.Options(args.FeeBps, args.SlippageBps, args.KeepOpen) with { FullEquity = args.FullEquity };
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        var configs = ReadRunners(catalog, args);
        if (args.Data.Count == 0 && args.Generate.Count == 0)
        {
            throw new CliException("no data: give --data PATH (a candle file or folder) or --generate SYMBOL:BARS[:SEED]");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var candles = BacktestData.Load(args.Data, args.Generate, warning => console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}"));
        foreach (var config in configs)
        {
            if (!candles.ContainsKey(config.Symbol))
            {
                throw new CliException(
                    $"runner '{config.RunnerId}' trades {config.Symbol}, but no --data or --generate gives {config.Symbol} (loaded: {string.Join(", ", candles.Keys.Order(StringComparer.Ordinal))})");
            }
        }

        var backtester = new Backtester(catalog, options);
        var loaded = clock.Elapsed;

        var report = Replay(console, backtester, candles, configs, cancellationToken);
        var replayed = clock.Elapsed;
        var (json, html) = BacktestReportWriter.Write(report, args.Output);
        var written = clock.Elapsed;

        if (Console.IsOutputRedirected && console.Profile.Width < 160)
        {
            // Piped output has no terminal width; keep the table's rows on one line each.
            console.Profile.Width = 160;
        }

        console.Write(BacktestSummary.Build(report));
        console.MarkupLine($"{report.Bars.ToString("N0", CultureInfo.InvariantCulture)} bars, {report.Runners.Count} {(report.Runners.Count == 1 ? "runner" : "runners")}. Report: [blue]{Markup.Escape(json)}[/], [blue]{Markup.Escape(html)}[/]");

        if (args.Timings)
        {
            var replay = (replayed - loaded).TotalSeconds;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"timings: load {loaded.TotalSeconds:0.000} s, replay {replay:0.000} s ({report.Bars / Math.Max(replay, 1e-9) / 1e6:0.00} M bars/s, {report.Bars * report.Runners.Count / Math.Max(replay, 1e-9) / 1e6:0.00} M runner-bars/s), report {(written - replayed).TotalSeconds:0.000} s"));
        }

        var stopped = report.Runners.Where(r => r.StoppedReason is not null).ToList();
        if (stopped.Count > 0)
        {
            throw new CliException(
                $"{stopped.Count} runner(s) stopped on a strategy error: {string.Join("; ", stopped.Select(r => RunnerCore.IsLimitReason(r.StoppedReason) ? r.StoppedReason : $"{r.RunnerId}: {r.StoppedReason}"))}",
                ExitCodes.Failed);
        }

        return ExitCodes.Success;
    }

    internal static List<RunnerConfig> ReadRunners(StrategyCatalog catalog, Arguments args)
    {
        var configs = new List<RunnerConfig>();
        configs.AddRange(args.Runner.Select(spec => RunnerSpec.Parse(spec, args.InitialEquity)));
        if (args.RunnersFile is { } file)
        {
            configs.AddRange(RunnersFile.Load(file, args.InitialEquity));
        }

        if (configs.Count == 0)
        {
            throw new CliException($"no runners: give --runner {RunnerSpec.Format} or --runners FILE.yaml");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            if (!seen.Add(config.RunnerId))
            {
                throw new CliException($"duplicate runner ID '{config.RunnerId}': every runner needs its own ID");
            }

            try
            {
                catalog.Create(config.Strategy, config.Parameters);
            }
            catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException)
            {
                throw new CliException($"runner '{config.RunnerId}': {ex.Message}");
            }
        }

        return configs;
    }

    private static BacktestReport Replay(IAnsiConsole console, Backtester backtester, Dictionary<string, IReadOnlyList<Candle>> candles,
        List<RunnerConfig> configs, CancellationToken cancellationToken)
    {
        var total = candles.Where(kv => configs.Any(c => c.Symbol == kv.Key)).Sum(kv => (long)kv.Value.Count);
        if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive || total < ProgressThreshold)
        {
            return backtester.Run(candles, configs, null, cancellationToken);
        }

        BacktestReport? report = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("replaying", maxValue: total);
                report = backtester.Run(candles, configs, p => task.Value = p.BarsProcessed, cancellationToken);
                task.Value = total;
            });
        return report!;
    }

    internal sealed record Arguments(
        IReadOnlyList<string> Data,
        IReadOnlyList<string> Generate,
        IReadOnlyList<string> Runner,
        string? RunnersFile,
        string Output,
        decimal InitialEquity,
        decimal FeeBps,
        decimal SlippageBps,
        bool KeepOpen,
        bool FullEquity,
        bool Timings);
}
