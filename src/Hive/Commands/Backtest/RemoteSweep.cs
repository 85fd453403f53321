using Grpc.Core;
using Hive.Api;
using Hive.Api.V1;
using Hive.Commands.Api;
using Hive.Trading.Backtesting.Sweeps;
using Spectre.Console;

namespace Hive.Commands.Backtest;

/// <summary>
/// <c>hive backtest --sweep … --server URL</c>: submits the sweep to the cluster's API, which runs it through the same
/// sweep runner on its data silos; follows its progress (a bar on a terminal, a line per tenth piped); then rebuilds the
/// ranked report (<see cref="SweepMessages.ToReport"/>) and writes the same files and table as a local sweep
/// (<see cref="SweepCommand.Write"/>). Ctrl-C cancels the sweep on the server too.
/// </summary>
internal static class RemoteSweep
{
    public static async Task<int> RunAsync(ApiConnection connection, IAnsiConsole console, BacktestCommand.Arguments args, SweepArguments sweep,
        CancellationToken cancellationToken)
    {
        using var _ = connection;
        SweepCommand.CheckOptions(args, sweep);
        var request = new SubmitSweepRequest
        {
            Backtest = await RemoteBacktest.RequestAsync(
                new RemoteBacktest.Arguments(args.Data, args.Generate, args.Runner, args.RunnersFile, args.Output, args.InitialEquity, args.FeeBps, args.SlippageBps, args.KeepOpen),
                cancellationToken),
            Axes = { sweep.Sweeps },
            Seed = sweep.Seed,
            Objective = sweep.Objective,
            TrainUntil = sweep.TrainUntil ?? string.Empty,
        };
        if (sweep.Samples is { } samples)
        {
            // 0 means the whole grid to the API; on the command line it is a mistake, as it is locally.
            request.Samples = samples >= 1 ? samples : throw new CliException($"--samples must be from 1 to {SweepPlan.MaxPoints}, got {samples}");
        }

        var id = string.Empty;
        SweepResult result;
        try
        {
            var submitted = await connection.Sweeps.SubmitSweepAsync(request, deadline: ApiConnection.Deadline, cancellationToken: cancellationToken);
            id = submitted.Id;
            console.MarkupLine($"sweep {Markup.Escape(id)}: {submitted.TotalPoints} points on {Markup.Escape(connection.Address.ToString())}");
            await SweepProgressDisplay.RunAsync(console, submitted.TotalPoints, progress => FollowAsync(connection, id, progress, cancellationToken));

            // A failed or cancelled sweep answers with the status that says why.
            result = await connection.Sweeps.GetSweepResultAsync(new GetSweepResultRequest { Id = id }, deadline: ApiConnection.Deadline, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && id.Length > 0 && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Ctrl-C stops the work on the cluster too, not only here.
            await TryCancelAsync(connection, id);
            throw new OperationCanceledException($"sweep {id} cancelled", ex, cancellationToken);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw connection.Fail(ex);
        }

        SweepReport report;
        try
        {
            report = SweepMessages.ToReport(result);
        }
        catch (FormatException ex)
        {
            throw new CliException($"sweep {id}: the server's result does not match the sweep: {ex.Message}", ExitCodes.Failed);
        }

        return SweepCommand.Write(console, report, args.Output, sweep.Top);
    }

    private static async Task<SweepProgress> FollowAsync(ApiConnection connection, string id, Action<int> progress, CancellationToken cancellationToken)
    {
        using var call = connection.Sweeps.WatchSweep(new SweepRequest { Id = id }, cancellationToken: cancellationToken);
        SweepProgress? last = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            last = update;
            progress(update.PointsDone);
        }

        return last ?? throw new CliException($"sweep {id}: the server sent no progress", ExitCodes.Failed);
    }

    private static async Task TryCancelAsync(ApiConnection connection, string id)
    {
        try
        {
            await connection.Sweeps.CancelSweepAsync(new SweepRequest { Id = id }, deadline: DateTime.UtcNow.AddSeconds(15));
        }
        catch (RpcException)
        {
            // Best effort: the sweep may have ended or the server gone.
        }
    }
}
