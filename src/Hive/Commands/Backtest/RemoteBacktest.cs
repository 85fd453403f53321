using System.Globalization;
using Grpc.Core;
using Hive.Api.V1;
using Hive.Commands.Api;
using Hive.Trading.Backtesting;
using BacktestProgress = Hive.Api.V1.BacktestProgress;
using BacktestResult = Hive.Api.V1.BacktestResult;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>
/// <c>hive backtest --server URL</c>: submits the backtest to the cluster's data silos through the API, follows its
/// progress (a bar on a terminal), and writes the same report files and summary as a local backtest.
/// </summary>
internal static class RemoteBacktest
{
    public static async Task<int> RunAsync(ApiConnection connection, IAnsiConsole console, Arguments args, CancellationToken cancellationToken)
    {
        using var _ = connection;
        var request = await RequestAsync(args, cancellationToken);
        BacktestResult result;
        string id = string.Empty;
        try
        {
            id = (await connection.Backtests.SubmitBacktestAsync(request, deadline: ApiConnection.Deadline, cancellationToken: cancellationToken)).Id;
            var last = await FollowAsync(connection, console, id, cancellationToken);
            switch (last.State)
            {
                case BacktestState.Failed:
                    throw new CliException($"backtest {id} failed on {last.Silo}: {last.Error}", ExitCodes.Failed);
                case BacktestState.Cancelled:
                    throw new CliException($"backtest {id} was cancelled", ExitCodes.Failed);
            }

            result = await connection.Backtests.GetBacktestResultAsync(new BacktestRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw connection.Fail(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && id.Length > 0)
        {
            // Ctrl-C stops the work on the cluster too, not only here.
            await TryCancelAsync(connection, id);
            throw;
        }

        var report = BacktestReportWriter.ParseJson(result.ReportJson, $"backtest {id}");
        var (json, html) = BacktestReportWriter.Write(report, args.Output);
        if (Console.IsOutputRedirected && console.Profile.Width < 160)
        {
            console.Profile.Width = 160;
        }

        console.Write(BacktestSummary.Build(report));
        console.MarkupLine($"{report.Bars.ToString("N0", CultureInfo.InvariantCulture)} bars, {report.Runners.Count} {(report.Runners.Count == 1 ? "runner" : "runners")} on silo {Markup.Escape(result.Silo)} (backtest {Markup.Escape(id)}). Report: [blue]{Markup.Escape(json)}[/], [blue]{Markup.Escape(html)}[/]");
        var stopped = result.Runners.Where(static r => r.StoppedReason.Length > 0).ToList();
        if (stopped.Count > 0)
        {
            throw new CliException($"{stopped.Count} runner(s) stopped on a strategy error: {string.Join("; ", stopped.Select(static r => $"{r.Id}: {r.StoppedReason}"))}", ExitCodes.Failed);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The backtest's data, runners and fees as the API takes them (a sweep sends the same): data paths that exist here
    /// go by their full path, a runners file by its text. Missing runners or data, or a bad equity, fail here.
    /// </summary>
    internal static async Task<SubmitBacktestRequest> RequestAsync(Arguments args, CancellationToken cancellationToken)
    {
        if (args.InitialEquity <= 0)
        {
            throw new CliException($"--initial-equity must be positive, got {args.InitialEquity.ToString(CultureInfo.InvariantCulture)}");
        }

        var request = new SubmitBacktestRequest
        {
            InitialEquity = args.InitialEquity.ToString(CultureInfo.InvariantCulture),
            FeeBps = args.FeeBps.ToString(CultureInfo.InvariantCulture),
            SlippageBps = args.SlippageBps.ToString(CultureInfo.InvariantCulture),
            KeepOpen = args.KeepOpen,
        };

        // Data paths are read on the data silos; a path that exists here goes by its full path, which a cluster on this
        // machine (hive run) reads whatever its working directory.
        request.Data.AddRange(args.Data.Select(LocalPath));
        request.Generate.AddRange(args.Generate);
        request.Specs.AddRange(args.Runner);
        if (args.RunnersFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new CliException($"--runners: file not found: {file}");
            }

            request.RunnersYaml = await File.ReadAllTextAsync(file, cancellationToken);
            request.SourceName = file;
            request.BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? string.Empty;
        }

        if (request.Specs.Count == 0 && request.RunnersYaml.Length == 0)
        {
            throw new CliException($"no runners: give --runner {RunnerSpec.Format} or --runners FILE.yaml");
        }

        if (request.Data.Count == 0 && request.Generate.Count == 0)
        {
            throw new CliException("no data: give --data PATH (a candle file or folder) or --generate SYMBOL:BARS[:SEED]");
        }

        return request;
    }

    private static async Task<BacktestProgress> FollowAsync(ApiConnection connection, IAnsiConsole console, string id, CancellationToken cancellationToken)
    {
        using var call = connection.Backtests.WatchBacktest(new BacktestRequest { Id = id }, cancellationToken: cancellationToken);
        BacktestProgress? last = null;
        if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive)
        {
            await foreach (var progress in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                last = progress;
            }

            return last ?? throw new CliException($"backtest {id}: the server sent no progress", ExitCodes.Failed);
        }

        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"backtest {id}", maxValue: 1);
                await foreach (var progress in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    last = progress;
                    if (progress.TotalBars > 0)
                    {
                        task.MaxValue = progress.TotalBars;
                        task.Value = progress.BarsProcessed;
                    }

                    task.Description = $"backtest on {progress.Silo}";
                }

                task.Value = task.MaxValue;
            });
        return last ?? throw new CliException($"backtest {id}: the server sent no progress", ExitCodes.Failed);
    }

    private static async Task TryCancelAsync(ApiConnection connection, string id)
    {
        try
        {
            await connection.Backtests.CancelBacktestAsync(new BacktestRequest { Id = id }, deadline: DateTime.UtcNow.AddSeconds(5));
        }
        catch (RpcException)
        {
            // Best effort: the backtest may have finished or the server gone.
        }
    }

    private static string LocalPath(string spec)
    {
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        var (prefix, path) = eq > 0 ? (spec[..(eq + 1)], spec[(eq + 1)..]) : (string.Empty, spec);
        return (File.Exists(path) || Directory.Exists(path)) && !Path.IsPathRooted(path) ? prefix + Path.GetFullPath(path) : spec;
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
        bool KeepOpen);
}
