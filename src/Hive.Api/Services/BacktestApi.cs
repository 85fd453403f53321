using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Backtests;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Trading.Backtesting;
using Hive.Trading.Runners;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using GrainDefinition = Hive.Grains.Runners.RunnerDefinition;
using GrainResult = Hive.Grains.Backtests.BacktestResult;
using ProtoProgress = Hive.Api.V1.BacktestProgress;
using ProtoResult = Hive.Api.V1.BacktestResult;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.BacktestService</c> on the backtest grains of the data silos (one per backtest ID).</summary>
internal sealed class BacktestApi(IGrainFactory grains, IOptions<HiveApiOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : BacktestService.BacktestServiceBase
{
    public override async Task<SubmitBacktestResponse> SubmitBacktest(SubmitBacktestRequest request, ServerCallContext context)
    {
        var runners = Runners(request);
        var backtest = new Hive.Grains.Backtests.BacktestRequest(
            [.. request.Data], [.. request.Generate], runners,
            ApiMapping.Decimal(request.FeeBps, "backtest", "fee_bps") ?? 10m,
            ApiMapping.Decimal(request.SlippageBps, "backtest", "slippage_bps") ?? 0m,
            request.KeepOpen);
        var id = $"bt-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

        // On the data silo that holds the first data set in memory already, when one does.
        using var affinity = request.Data.Count > 0 ? PlacementAffinity.ForDataset(PlacementAffinity.DataDataset(request.Data[0])) : (PlacementAffinityScope?)null;
        await grains.GetGrain<IBacktestGrain>(id).SubmitAsync(backtest).ConfigureAwait(false);
        return new SubmitBacktestResponse { Id = id };
    }

    /// <summary>
    /// The runners of a backtest request (runners_yaml, then specs, then structured runners), each checked; an empty
    /// list, a duplicate ID or a bad equity is INVALID_ARGUMENT naming it. Sweeps take their runner the same way.
    /// </summary>
    internal static List<GrainDefinition> Runners(SubmitBacktestRequest request)
    {
        var initialEquity = ApiMapping.Decimal(request.InitialEquity, "backtest", "initial_equity") ?? RunnerConfig.DefaultInitialEquity;
        if (initialEquity <= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"initial_equity must be positive, got {request.InitialEquity}"));
        }

        var runners = new List<GrainDefinition>();
        if (!string.IsNullOrWhiteSpace(request.RunnersYaml))
        {
            var source = string.IsNullOrWhiteSpace(request.SourceName) ? "runners.yaml" : request.SourceName;
            var baseDirectory = string.IsNullOrWhiteSpace(request.BaseDirectory) ? null : request.BaseDirectory;
            runners.AddRange(RunnersYaml.Parse(request.RunnersYaml, source, baseDirectory, initialEquity).Select(static c => GrainDefinition.FromConfig(c)));
        }

        runners.AddRange(request.Specs.Select(spec => GrainDefinition.FromConfig(RunnerSpecs.Parse(spec, initialEquity))));
        runners.AddRange(request.Runners.Select(static r => ApiMapping.ToDefinition(r, GrainDefinition.DefaultAccount)));
        if (runners.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "no runners: give specs, runners_yaml or runners"));
        }

        var duplicate = runners.GroupBy(static r => r.RunnerId, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"duplicate runner ID '{duplicate.Key}': every runner needs its own ID"));
        }

        return runners;
    }

    public override async Task WatchBacktest(V1.BacktestRequest request, IServerStreamWriter<ProtoProgress> responseStream, ServerCallContext context)
    {
        var grain = Grain(request.Id);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        ProtoProgress? last = null;
        while (true)
        {
            var progress = ToProto(request.Id, await grain.GetProgressAsync().ConfigureAwait(false));
            if (!progress.Equals(last))
            {
                await responseStream.WriteAsync(progress, stopping.Token).ConfigureAwait(false);
                last = progress;
            }

            if (progress.State != BacktestState.Running)
            {
                return;
            }

            await Task.Delay(options.Value.BacktestProgressPeriod, time, stopping.Token).ConfigureAwait(false);
        }
    }

    public override async Task<ProtoResult> GetBacktestResult(V1.BacktestRequest request, ServerCallContext context)
    {
        var grain = Grain(request.Id);
        var progress = await grain.GetProgressAsync().ConfigureAwait(false);
        RequireKnown(request.Id, progress);
        if (progress.State == BacktestJobState.Failed && progress.ErrorIsInput)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"backtest '{request.Id}' failed: {progress.Error}"));
        }

        return ToProto(request.Id, await grain.GetResultAsync().ConfigureAwait(false));
    }

    public override async Task<ProtoProgress> CancelBacktest(V1.BacktestRequest request, ServerCallContext context)
    {
        var grain = Grain(request.Id);
        RequireKnown(request.Id, await grain.GetProgressAsync().ConfigureAwait(false));
        await grain.CancelAsync().ConfigureAwait(false);
        return ToProto(request.Id, await grain.GetProgressAsync().ConfigureAwait(false));
    }

    private IBacktestGrain Grain(string id) =>
        string.IsNullOrWhiteSpace(id)
            ? throw new RpcException(new Status(StatusCode.InvalidArgument, "id: a backtest ID is required"))
            : grains.GetGrain<IBacktestGrain>(id.Trim());

    private static void RequireKnown(string id, BacktestJobProgress progress)
    {
        if (progress.State == BacktestJobState.Unknown)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"backtest '{id}' does not exist"));
        }
    }

    private static ProtoProgress ToProto(string id, BacktestJobProgress p)
    {
        if (p.State == BacktestJobState.Unknown)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"backtest '{id}' does not exist"));
        }

        return new ProtoProgress
        {
            Id = id,
            State = p.State switch
            {
                BacktestJobState.Running => BacktestState.Running,
                BacktestJobState.Completed => BacktestState.Completed,
                BacktestJobState.Failed => BacktestState.Failed,
                BacktestJobState.Cancelled => BacktestState.Cancelled,
                _ => BacktestState.Unspecified,
            },
            BarsProcessed = p.BarsProcessed,
            TotalBars = p.TotalBars,
            Silo = p.Silo,
            Error = p.Error ?? string.Empty,
        };
    }

    private static ProtoResult ToProto(string id, GrainResult result)
    {
        var report = BacktestReportWriter.ParseJson(result.ReportJson, $"backtest '{id}'");
        var proto = new ProtoResult { Id = id, Silo = result.Silo, Bars = result.Bars, ReportJson = result.ReportJson };
        foreach (var runner in report.Runners)
        {
            proto.Runners.Add(new BacktestRunnerResult
            {
                Id = runner.RunnerId,
                Symbol = runner.Symbol,
                TotalReturn = runner.Metrics.TotalReturn,
                Sharpe = runner.Metrics.Sharpe,
                MaxDrawdown = runner.Metrics.MaxDrawdown,
                Trades = runner.Metrics.TradeCount,
                WinRate = runner.Metrics.WinRate,
                FinalEquity = ApiMapping.Text(runner.Metrics.FinalEquity),
                StoppedReason = runner.StoppedReason ?? string.Empty,
            });
        }

        return proto;
    }
}
