using System.Collections.Concurrent;
using Grpc.Core;
using Hive.Api.Hosting;
using Hive.Grains.Backtests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Hive.Api.Services;

/// <summary>
/// The sweeps this API server runs, by ID. Each runs through <see cref="SweepRunner"/> on the server's grain factory,
/// exactly as a local <c>hive backtest --sweep</c> does on the embedded cluster: its batches go to backtest grains on
/// the cluster's data silos. A sweep lives in this process (it is the sweep's client of the cluster, as the command line
/// is for a local one): it is cancelled when the server stops, and forgotten <see cref="Retention"/> after it ends.
/// </summary>
internal sealed class SweepJobs(IGrainFactory grains, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SweepJobs> logger)
{
    /// <summary>How long an ended sweep's result stays to be fetched.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, RunningSweep> _sweeps = new(StringComparer.Ordinal);

    /// <summary>Starts <paramref name="job"/> in the background and returns it, running.</summary>
    public RunningSweep Start(SweepJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Prune();
        var id = $"sw-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var sweep = new RunningSweep(id, job.Plan.Points.Count, CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping));
        _sweeps[id] = sweep;
        _ = RunAsync(sweep, job);
        return sweep;
    }

    /// <summary>The sweep named <paramref name="id"/>; INVALID_ARGUMENT without an ID, NOT_FOUND for an unknown one.</summary>
    public RunningSweep Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "id: a sweep ID is required"));
        }

        return _sweeps.TryGetValue(id.Trim(), out var sweep)
            ? sweep
            : throw new RpcException(new Status(StatusCode.NotFound, $"sweep '{id.Trim()}' does not exist on this server (sweeps are kept {Retention.TotalMinutes:0} minutes after they end)"));
    }

    private async Task RunAsync(RunningSweep sweep, SweepJob job)
    {
        var token = sweep.Cancel.Token;
        try
        {
            // Off the caller's thread: the submit call returns while the batches run.
            await Task.Yield();
            var report = await new SweepRunner(grains).RunAsync(job, sweep.Progress, token).ConfigureAwait(false);
            sweep.Complete(report, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            sweep.Cancelled(lifetime.ApplicationStopping.IsCancellationRequested ? "the API server is stopping" : "cancelled", time.GetUtcNow());
        }
        catch (Exception ex)
        {
            var status = ApiErrors.ToStatus(ex, CancellationToken.None);
            if (status.StatusCode == StatusCode.Internal)
            {
                logger.LogError(ex, "Sweep {SweepId} failed", sweep.Id);
            }

            sweep.Fail(status, time.GetUtcNow());
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, sweep) in _sweeps)
        {
            if (sweep.EndedAt is { } ended && now - ended > Retention)
            {
                if (_sweeps.TryRemove(id, out _))
                {
                    sweep.Cancel.Dispose();
                }
            }
        }
    }
}
