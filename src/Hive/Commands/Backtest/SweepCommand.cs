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
/// <c>hive backtest --sweep …</c>: checks the sweep on the command line (<see cref="SweepJob.Create"/>: specs, objective,
/// the runner and every swept name against its strategy), starts the embedded cluster, runs the points on its data silo
/// through <see cref="SweepRunner"/> (which takes any <see cref="IGrainFactory"/>; with <c>--server</c> the API runs the
/// same runner on the cluster, <see cref="RemoteSweep"/>), and writes the ranked table, <c>sweep.csv</c>,
/// <c>sweep.json</c> and, for two parameters, <c>sweep.html</c>.
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

        return Write(console, report, args.Output, sweep.Top);
    }

    /// <summary>
    /// Writes <c>sweep.csv</c>, <c>sweep.json</c> and (two parameters) <c>sweep.html</c> into <paramref name="output"/>
    /// and prints the ranked table and a summary line; fails when no point could run. Local and remote sweeps end here.
    /// </summary>
    internal static int Write(IAnsiConsole console, SweepReport report, string output, int top)
    {
        var paths = SweepReportWriter.Write(report, output);
        if (Console.IsOutputRedirected && console.Profile.Width < 160)
        {
            console.Profile.Width = 160;
        }

        console.Write(SweepSummary.Build(report, top));
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
        CheckOptions(args, sweep);
        try
        {
            return SweepJob.Create(args.Data, args.Generate, BacktestCommand.ReadRunners(catalog, args), sweep.Sweeps, sweep.Objective, sweep.Samples, sweep.Seed,
                sweep.TrainUntil, args.FeeBps, args.SlippageBps, args.KeepOpen, catalog);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>The options that do not go with a sweep, or not with these values, here or on a server.</summary>
    internal static void CheckOptions(BacktestCommand.Arguments args, SweepArguments sweep)
    {
        if (args.FullEquity)
        {
            throw new CliException("--full-equity does not apply to a sweep (it writes no per-run report); run the chosen point alone");
        }

        if (args.InitialEquity <= 0)
        {
            throw new CliException($"--initial-equity must be positive, got {args.InitialEquity.ToString(CultureInfo.InvariantCulture)}");
        }

        if (sweep.Top < 1)
        {
            throw new CliException($"--top must be at least 1, got {sweep.Top}");
        }
    }

    private static async Task<SweepReport> RunAsync(SweepRunner runner, SweepJob job, IAnsiConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return await SweepProgressDisplay.RunAsync(console, job.Plan.Points.Count, progress => runner.RunAsync(job, progress, cancellationToken)).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
