using Grpc.Core;
using Hive.Api.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProtoProgress = Hive.Api.V1.BacktestProgress;
using ProtoResult = Hive.Api.V1.BacktestResult;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.BacktestService</c> on the backtest grains of the data silos (one per backtest ID).</summary>
internal sealed class BacktestApi(HiveQueries queries, IOptions<HiveApiOptions> options, TimeProvider time, IHostApplicationLifetime lifetime) : BacktestService.BacktestServiceBase
{
    public override async Task<SubmitBacktestResponse> SubmitBacktest(SubmitBacktestRequest request, ServerCallContext context) =>
        new() { Id = await queries.SubmitBacktestAsync(request).ConfigureAwait(false) };

    public override async Task WatchBacktest(V1.BacktestRequest request, IServerStreamWriter<ProtoProgress> responseStream, ServerCallContext context)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        ProtoProgress? last = null;
        while (true)
        {
            var progress = await queries.BacktestProgressAsync(request.Id).ConfigureAwait(false);
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

    public override Task<ProtoResult> GetBacktestResult(V1.BacktestRequest request, ServerCallContext context) =>
        queries.BacktestResultAsync(request.Id);

    public override Task<ProtoProgress> CancelBacktest(V1.BacktestRequest request, ServerCallContext context) =>
        queries.CancelBacktestAsync(request.Id);
}
