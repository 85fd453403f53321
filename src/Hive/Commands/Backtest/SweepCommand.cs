using System.Globalization;
using Hive.Grains.Backtests;
using Hive.Grains.Hosting;
using Hive.Grains.Runners;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Orleans;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>
/// <c>hive backtest --sweep …</c>: checks the sweep on the command line (specs, objective, the runner and every swept
/// name against its strategy), starts the embedded cluster, runs the points on its data silo through
/// <see cref="SweepRunner"/> (which takes any <see cref="IGrainFactory"/>, so a client of a real cluster can run the
/// same sweep), and writes the ranked table, <c>sweep.csv</c>, <c>sweep.json</c> and, for two parameters, <c>sweep.html</c>.
/// </summary>
internal static class SweepCommand
{
    public static async Task<int> RunAsync(StrategyCatalog catalog, IAnsiConsole console, BacktestCommand.Arguments args, SweepArguments sweep,
        CancellationToken cancellationToken)
    {
        var job = Plan(catalog, args, sweep);
        var data = Path.Combine(Path.GetTempPath(), "hive-sweep-" + Guid.NewGuid().ToString("N"));
        SweepReport report;
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(
                new EmbeddedClusterOptions { DataDirectory = data, ShutdownTimeout = TimeSpan.FromSeconds(10) }, cancellationToken).ConfigureAwait(false);
            report = await RunAsync(new SweepRunner(cluster.GrainFactory), job, console, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // The cluster's scratch folder holds nothing a sweep needs; a leftover is harmless.
            }
        }

        var paths = SweepReportWriter.Write(report, args.Output);
        if (Console.IsOutputRedirected && console.Profile.Width < 160)
        {
            console.Profile.Width = 160;
        }

        console.Write(SweepSummary.Build(report, sweep.Top));
        var failed = report.Ranked.Where(static r => r.InSample is null).ToList();
        var silos = report.Ranked.Select(static r => r.Silo).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Ranked.Count} {(report.Ranked.Count == 1 ? "point" : "points")} in {report.Elapsed.TotalSeconds:0.00} s ({report.PointsPerSecond:0.0} points/s, {(report.InSampleBars + report.OutOfSampleBars) * report.Ranked.Count / Math.Max(report.Elapsed.TotalSeconds, 1e-9) / 1e6:0.0} M bars/s) on {Markup.Escape(string.Join(", ", silos))}; ranked by {report.Objective.Name}{(report.TrainUntil is null ? string.Empty : " in sample")}."));
        if (failed.Count > 0)
        {
            console.MarkupLine($"[yellow]{failed.Count} points could not run[/], e.g. {Markup.Escape(failed[0].Point.Describe(report.Plan.Names))}: {Markup.Escape(failed[0].Error ?? "?")}");
        }

        console.MarkupLine($"Results: {string.Join(", ", paths.Select(p => $"[blue]{Markup.Escape(p)}[/]"))}");
        if (failed.Count == report.Ranked.Count)
        {
            throw new CliException("no point of the sweep could run", ExitCodes.Failed);
        }

        return ExitCodes.Success;
    }

    /// <summary>Builds the job from the command line; every mistake is a <see cref="CliException"/> naming it.</summary>
    internal static SweepJob Plan(StrategyCatalog catalog, BacktestCommand.Arguments args, SweepArguments sweep)
    {
        if (args.FullEquity)
        {
            throw new CliException("--full-equity does not apply to a sweep (it writes no per-run report); run the chosen point alone");
        }

        if (args.InitialEquity <= 0)
        {
            throw new CliException($"--initial-equity must be positive, got {args.InitialEquity.ToString(CultureInfo.InvariantCulture)}");
        }

        try
        {
            _ = BacktestInputs.Options(args.FeeBps, args.SlippageBps, args.KeepOpen);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        if (sweep.Top < 1)
        {
            throw new CliException($"--top must be at least 1, got {sweep.Top}");
        }

        SweepPlan plan;
        SweepObjective objective;
        try
        {
            var parameters = sweep.Sweeps.Select(SweepParameter.Parse).ToList();
            objective = SweepObjective.Parse(sweep.Objective);
            plan = SweepPlan.Create(parameters, sweep.Samples, sweep.Seed);
        }
        catch (FormatException ex)
        {
            throw new CliException(ex.Message);
        }

        if (args.Data.Count == 0 && args.Generate.Count == 0)
        {
            throw new CliException("no data: give --data PATH (a candle file or folder) or --generate SYMBOL:BARS[:SEED]");
        }

        var runners = BacktestCommand.ReadRunners(catalog, args);
        if (runners.Count != 1)
        {
            throw new CliException($"a sweep varies one runner, got {runners.Count} ({string.Join(", ", runners.Select(static r => r.RunnerId))}); give one --runner");
        }

        var runner = runners[0];
        CheckNames(catalog, runner, plan);
        return new SweepJob(args.Data, args.Generate, RunnerDefinition.FromConfig(runner), plan, objective, TrainUntil(sweep.TrainUntil),
            args.FeeBps, args.SlippageBps, args.KeepOpen)
        {
            Seed = sweep.Seed,
        };
    }

    private static async Task<SweepReport> RunAsync(SweepRunner runner, SweepJob job, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var total = job.Plan.Points.Count;
        try
        {
            if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive)
            {
                // Piped: one line per tenth of the points.
                var gate = new Lock();
                var shown = 0;
                return await runner.RunAsync(job, done =>
                {
                    lock (gate)
                    {
                        var tenth = done * 10 / total;
                        if (tenth > shown)
                        {
                            shown = tenth;
                            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sweep: {done}/{total} points"));
                        }
                    }
                }, cancellationToken).ConfigureAwait(false);
            }

            SweepReport? report = null;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"sweeping {total} points", maxValue: total);
                    report = await runner.RunAsync(job, done => task.Value = done, cancellationToken).ConfigureAwait(false);
                    task.Value = total;
                }).ConfigureAwait(false);
            return report!;
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    // A swept name the strategy does not take is a mistake, whatever the values; a compiled strategy lists its parameters.
    private static void CheckNames(StrategyCatalog catalog, RunnerConfig runner, SweepPlan plan)
    {
        var descriptor = catalog.Strategies.FirstOrDefault(d => string.Equals(d.Name, runner.Strategy, StringComparison.Ordinal));
        if (descriptor is not null)
        {
            foreach (var name in plan.Names)
            {
                if (!descriptor.Parameters.Contains(name, StringComparer.OrdinalIgnoreCase) && !string.Equals(name, Timeframe.ParameterName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException(
                        $"--sweep '{name}': strategy '{descriptor.Name}' (runner '{runner.RunnerId}') has no parameter '{name}'; accepted: {string.Join(", ", descriptor.Parameters)}");
                }
            }
        }

        // At least one point must make a strategy; otherwise every point would come back with the same error.
        string? first = null;
        foreach (var point in plan.Points)
        {
            try
            {
                catalog.Create(runner.Strategy, SweepEvaluator.ConfigOf(runner, plan.Names, point).Parameters);
                return;
            }
            catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException)
            {
                first ??= $"{point.Describe(plan.Names)}: {ex.Message}";
            }
        }

        throw new CliException($"runner '{runner.RunnerId}': no point of the sweep makes a valid strategy, e.g. {first}");
    }

    private static long? TrainUntil(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mmZ", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm"];
        return DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUnixTimeMilliseconds()
            : throw new CliException($"--train-until '{text}': expected a UTC date or time like 2026-02-20 or 2026-02-20T12:00");
    }
}
