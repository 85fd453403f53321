using Hive.Grains.Feeds;
using Hive.Runtime;
using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// Applies <see cref="LivePlacement"/>: requires <c>role=live</c> (with none active, activation fails with the runtime's
/// <see cref="PlacementException"/>, "no active silo with role=live"); among the live silos prefers the one hosting the
/// market feed of the grain's symbol, so market data never crosses the network, then the one with the fewest
/// activations. The symbol comes from <see cref="PlacementAffinity.CurrentSymbol"/> (a feed itself is placed by load
/// only). The feed's silo is looked up in the grain directory, then in the hot datasets the silos publish
/// (<c>feed:SYMBOL</c>, for a feed the directory does not know yet).
/// </summary>
internal sealed class LivePlacementDirector(IGrainDirectory directory) : IPlacementDirector
{
    private static readonly SiloRequirements Requirements = new() { Role = SiloRoles.Live };
    private static readonly string FeedType = GrainId.TypeNameOf(typeof(MarketFeedGrain));

    public SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) => Requirements;

    public async ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var symbol = target.GrainId.Type == FeedType ? null : PlacementAffinity.CurrentSymbol;
        if (symbol is not null && await FindFeedSiloAsync(symbol, context).ConfigureAwait(false) is { } feedSilo)
        {
            return feedSilo;
        }

        return LeastLoaded(context.CompatibleSilos);
    }

    internal static SiloAddress LeastLoaded(IReadOnlyList<SiloInfo> silos)
    {
        var best = silos[0];
        for (var i = 1; i < silos.Count; i++)
        {
            var candidate = silos[i];
            if (candidate.Load.ActivationCount < best.Load.ActivationCount
                || (candidate.Load.ActivationCount == best.Load.ActivationCount
                    && (candidate.Load.CpuUsagePercent ?? 0) < (best.Load.CpuUsagePercent ?? 0)))
            {
                best = candidate;
            }
        }

        return best.Address;
    }

    private async ValueTask<SiloAddress?> FindFeedSiloAsync(string symbol, IPlacementContext context)
    {
        var address = await directory.LookupAsync(new GrainId(FeedType, symbol)).ConfigureAwait(false);
        if (address is not null)
        {
            foreach (var silo in context.CompatibleSilos)
            {
                if (silo.Address == address.Silo)
                {
                    return silo.Address;
                }
            }
        }

        var dataset = PlacementAffinity.FeedDataset(symbol);
        foreach (var silo in context.CompatibleSilos)
        {
            if (silo.Load.HotDatasets.Contains(dataset))
            {
                return silo.Address;
            }
        }

        return null;
    }
}
