using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Activation counts of the cluster's silos for "least loaded" placement, refreshed in the background from
/// <c>IManagementGrain.GetRuntimeStatistics</c> when older than <see cref="MaxAge"/>, plus the activations this
/// silo has placed since (so a burst of placements spreads instead of piling onto the silo that looked emptiest).
/// Placement never waits for a refresh.
/// </summary>
internal sealed class SiloLoadCache(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, int> _counts = [];
    private long _refreshedAt = long.MinValue;
    private int _refreshing;

    /// <summary>The candidate with the fewest activations (known plus placed since the last refresh).</summary>
    public SiloAddress LeastLoaded(IReadOnlyList<SiloAddress> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        RefreshIfStale(candidates);
        lock (_lock)
        {
            var best = candidates[0];
            var bestCount = _counts.GetValueOrDefault(best);
            for (var i = 1; i < candidates.Count; i++)
            {
                var count = _counts.GetValueOrDefault(candidates[i]);
                if (count < bestCount)
                {
                    (best, bestCount) = (candidates[i], count);
                }
            }

            _counts[best] = bestCount + 1;
            return best;
        }
    }

    /// <summary>Counts one more activation placed on <paramref name="silo"/>.</summary>
    public void Placed(SiloAddress silo)
    {
        lock (_lock)
        {
            _counts[silo] = _counts.GetValueOrDefault(silo) + 1;
        }
    }

    private void RefreshIfStale(IReadOnlyList<SiloAddress> candidates)
    {
        if (candidates.Count < 2 || time.GetElapsedTime(Interlocked.Read(ref _refreshedAt)) < MaxAge
            || Interlocked.Exchange(ref _refreshing, 1) != 0)
        {
            return;
        }

        var silos = candidates.ToArray();
        _ = Task.Run(async () =>
        {
            try
            {
                var stats = await grains.GetGrain<IManagementGrain>(0).GetRuntimeStatistics(silos).ConfigureAwait(false);
                lock (_lock)
                {
                    for (var i = 0; i < silos.Length && i < stats.Length; i++)
                    {
                        _counts[silos[i]] = stats[i].ActivationCount;
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Statistics are a preference only: placement goes on with the counts it has.
            }
            finally
            {
                Interlocked.Exchange(ref _refreshedAt, time.GetTimestamp());
                Interlocked.Exchange(ref _refreshing, 0);
            }
        });
    }
}
