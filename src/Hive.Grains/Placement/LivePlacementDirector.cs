using Hive.Grains.Feeds;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// Applies <see cref="LivePlacement"/>: only <c>role=live</c> silos (none active: <see cref="PlacementRequirementException"/>);
/// among them the silo hosting the market feed of the grain's symbol (<see cref="PlacementAffinity.SymbolKey"/> in the
/// request context, looked up in Orleans' grain directory through the management grain), so market data never crosses the network; then the least
/// loaded.
/// </summary>
internal sealed class LivePlacementDirector(RolePlacement roles, IGrainFactory grains, SiloLoadCache load) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var candidates = await roles.CandidatesAsync(SiloRoles.Live, target, context).ConfigureAwait(false);
        if (candidates.Length == 1)
        {
            load.Placed(candidates[0]);
            return candidates[0];
        }

        var symbol = target.GrainIdentity.Type == PlacementAffinity.FeedGrainType
            ? null
            : PlacementAffinity.SymbolOf(target.RequestContextData);
        if (symbol is not null
            && await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IMarketFeedGrain>(symbol)).ConfigureAwait(false) is { } feed
            && Array.IndexOf(candidates, feed) >= 0)
        {
            load.Placed(feed);
            return feed;
        }

        return load.LeastLoaded(candidates);
    }
}
