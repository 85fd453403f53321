using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// Applies <see cref="DataPlacement"/>: only <c>role=data</c> silos (none active: <see cref="PlacementRequirementException"/>);
/// among them one that keeps the dataset named by <see cref="PlacementAffinity.DatasetKey"/> in memory (as the
/// <see cref="IDatasetDirectoryGrain"/> knows it), then the least loaded.
/// </summary>
internal sealed class DataPlacementDirector(RolePlacement roles, IGrainFactory grains, SiloLoadCache load) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var candidates = await roles.CandidatesAsync(SiloRoles.Data, target, context).ConfigureAwait(false);
        if (candidates.Length > 1 && PlacementAffinity.DatasetOf(target.RequestContextData) is { } dataset)
        {
            var holders = await grains.GetGrain<IDatasetDirectoryGrain>(IDatasetDirectoryGrain.DefaultKey).HoldersAsync(dataset).ConfigureAwait(false);
            var holding = candidates.Where(c => Array.IndexOf(holders, c) >= 0).ToArray();
            if (holding.Length != 0)
            {
                return load.LeastLoaded(holding);
            }
        }

        return load.LeastLoaded(candidates);
    }
}
