using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <inheritdoc cref="IDatasetDirectoryGrain"/>
internal sealed class DatasetDirectoryGrain(IClusterMembershipService membership) : Grain, IDatasetDirectoryGrain
{
    private readonly Dictionary<SiloAddress, string[]> _held = [];

    public Task SetAsync(SiloAddress silo, string[] datasets)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _held[silo] = datasets ?? [];
        return Task.CompletedTask;
    }

    public Task<SiloAddress[]> HoldersAsync(string dataset)
    {
        var members = membership.CurrentSnapshot.Members;
        var holders = _held
            .Where(kv => Array.IndexOf(kv.Value, dataset) >= 0
                && members.TryGetValue(kv.Key, out var member) && member.Status == SiloStatus.Active)
            .Select(kv => kv.Key)
            .ToArray();
        return Task.FromResult(holders);
    }
}
