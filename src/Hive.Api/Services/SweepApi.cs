using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Backtests;
using Hive.Trading.Strategies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hive.Api.Services;

/// <summary>
/// <c>hive.v1.SweepService</c>: checks a sweep as <c>hive backtest --sweep</c> does (<see cref="SweepJob.Create"/>, the
/// runner as <c>SubmitBacktest</c> takes it) and runs it through <see cref="SweepJobs"/> on the cluster's data silos.
/// </summary>
internal sealed class SweepApi(SweepJobs sweeps, IOptions<HiveApiOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : SweepService.SweepServiceBase
{
    private const string DefaultObjective = "sharpe";

    public override Task<SubmitSweepResponse> SubmitSweep(SubmitSweepRequest request, ServerCallContext context)
    {
        var backtest = request.Backtest ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "backtest: the sweep's data and runner are required"));
        var runners = HiveQueries.BacktestRunners(backtest).Select(static r => r.ToConfig()).ToList();
        var job = SweepJob.Create(
            [.. backtest.Data], [.. backtest.Generate], runners, [.. request.Axes],
            string.IsNullOrWhiteSpace(request.Objective) ? DefaultObjective : request.Objective,
            request.Samples == 0 ? null : request.Samples,
            request.Seed,
            request.TrainUntil,
            ApiMapping.Decimal(backtest.FeeBps, "sweep", "backtest.fee_bps") ?? 10m,
            ApiMapping.Decimal(backtest.SlippageBps, "sweep", "backtest.slippage_bps") ?? 0m,
            backtest.KeepOpen,
            StrategyCatalog.Default);
        var sweep = sweeps.Start(job);
        return Task.FromResult(new SubmitSweepResponse { Id = sweep.Id, TotalPoints = sweep.TotalPoints });
    }

    public override async Task WatchSweep(SweepRequest request, IServerStreamWriter<SweepProgress> responseStream, ServerCallContext context)
    {
        var sweep = sweeps.Find(request.Id);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        SweepProgress? last = null;
        while (true)
        {
            var progress = sweep.Snapshot();
            if (!progress.Equals(last))
            {
                await responseStream.WriteAsync(progress, stopping.Token).ConfigureAwait(false);
                last = progress;
            }

            if (progress.State != SweepState.Running)
            {
                return;
            }

            // The end is sent as soon as it happens; progress at most once a period.
            await Task.WhenAny(sweep.Ended, Task.Delay(options.Value.BacktestProgressPeriod, time, stopping.Token)).ConfigureAwait(false);
            stopping.Token.ThrowIfCancellationRequested();
        }
    }

    public override Task<SweepResult> GetSweepResult(GetSweepResultRequest request, ServerCallContext context)
    {
        if (request.Top < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"top must be 0 (every point) or more, got {request.Top}"));
        }

        var sweep = sweeps.Find(request.Id);
        return Task.FromResult(SweepMessages.ToProto(sweep.Report(), sweep.Id, request.Top));
    }

    public override async Task<SweepProgress> CancelSweep(SweepRequest request, ServerCallContext context)
    {
        var sweep = sweeps.Find(request.Id);
        var progress = sweep.Snapshot();
        if (progress.State != SweepState.Running)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"sweep '{sweep.Id}' is not running ({progress.State})"));
        }

        await sweep.Cancel.CancelAsync().ConfigureAwait(false);

        // The runner stops at its next await; the answer says where the sweep ended.
        await sweep.Ended.WaitAsync(TimeSpan.FromSeconds(10), time, context.CancellationToken).ConfigureAwait(false);
        return sweep.Snapshot();
    }
}
