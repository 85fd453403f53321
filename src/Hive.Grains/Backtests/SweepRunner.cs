using System.Diagnostics;
using Hive.Grains.Placement;
using Hive.Trading.Backtesting.Sweeps;
using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>
/// Runs a <see cref="SweepJob"/> on a cluster's data silos through any <see cref="IGrainFactory"/> (an embedded
/// cluster's, or a client's): the points go in batches to backtest grains (<see cref="IBacktestGrain.RunSweepAsync"/>),
/// several batches at a time so that every core of every data silo works, each batch placed where its data is already in
/// memory when a silo holds it (<see cref="PlacementAffinity.ForDataset"/>); progress arrives point by point; the
/// results come back ranked (<see cref="SweepReport.Rank"/>).
/// </summary>
public sealed class SweepRunner
{
    private readonly IGrainFactory _grains;

    /// <summary>Creates a runner sending its batches through <paramref name="grains"/>.</summary>
    public SweepRunner(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
    }

    /// <summary>Batches in flight at once; by default two per core of this machine, at least four.</summary>
    public int MaxConcurrentBatches { get; init; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>Points per batch, or <c>null</c> to choose: about four batches per slot, at most 16 points each.</summary>
    public int? PointsPerBatch { get; init; }

    /// <summary>
    /// Runs every point of <paramref name="job"/> and ranks them. <paramref name="progress"/> receives the number of points
    /// finished so far (from the grains' reports, possibly from several threads). Bad data or a bad runner fails with the
    /// grain's <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<SweepReport> RunAsync(SweepJob job, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentBatches);
        var points = job.Plan.Points;
        var size = PointsPerBatch ?? Math.Clamp((int)Math.Ceiling(points.Count / (4.0 * MaxConcurrentBatches)), 1, 16);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var names = job.Plan.Names;
        var batches = points.Chunk(size)
            .Select(chunk => new SweepBatchRequest(job.Data, job.Generate, job.Runner, names,
                [.. chunk.Select(static p => new SweepPointRequest(p.Index, p.Values))], job.FeeBps, job.SlippageBps, job.KeepOpen, job.TrainUntil))
            .ToArray();

        var done = 0;
        var finished = 0;
        var observer = new Observer(() =>
        {
            // A grain's last report can arrive after its batch's result; the final count is given once all are in.
            if (Volatile.Read(ref finished) == 0)
            {
                progress?.Invoke(Interlocked.Increment(ref done));
            }
        });
        var reference = _grains.CreateObjectReference<ISweepObserver>(observer);
        var sweepId = Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();
        try
        {
            using var slots = new SemaphoreSlim(MaxConcurrentBatches);
            var tasks = batches.Select((batch, i) => RunBatchAsync(batch, $"sweep-{sweepId}-{i}")).ToArray();
            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
            clock.Stop();
            Volatile.Write(ref finished, 1);
            progress?.Invoke(points.Count);

            var byIndex = points.ToDictionary(static p => p.Index);
            var ranked = SweepReport.Rank(
                results.SelectMany(r => r.Points.Select(o => new SweepPointResult(byIndex[o.Index], o.InSample, o.OutOfSample, o.Error)
                {
                    InSampleTrades = o.InSampleTrades,
                    OutOfSampleTrades = o.OutOfSampleTrades,
                    Silo = r.Silo,
                })),
                job.Objective);
            var config = job.Runner;
            return new SweepReport(
                config.RunnerId, config.Symbol, config.Strategy, config.Parameters, job.Plan, job.Objective, job.TrainUntil,
                results.Length == 0 ? 0 : results[0].InSampleBars, results.Length == 0 ? 0 : results[0].OutOfSampleBars, ranked, clock.Elapsed)
            {
                Seed = job.Plan.Sampled ? job.Seed : null,
            };

            async Task<SweepBatchResult> RunBatchAsync(SweepBatchRequest batch, string key)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    // Placement reads the dataset from the request context while the call is being made.
                    using var affinity = job.Data.Count > 0 ? PlacementAffinity.ForDataset(PlacementAffinity.DataDataset(job.Data[0])) : default;
                    var call = _grains.GetGrain<IBacktestGrain>(key).RunSweepAsync(batch, reference);
                    return await call.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }
        }
        finally
        {
            _grains.DeleteObjectReference<ISweepObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    private sealed class Observer(Action onPoint) : ISweepObserver
    {
        public Task PointDoneAsync(int index)
        {
            onPoint();
            return Task.CompletedTask;
        }
    }
}
