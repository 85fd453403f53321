using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Which data silos keep which datasets in memory (key <see cref="DefaultKey"/>), reported by the data silos after
/// each load, read by <see cref="DataPlacementDirector"/>. Held in memory only: losing it loses a preference, never
/// data.
/// </summary>
[Alias("hive.dataset-directory")]
public interface IDatasetDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The directory's grain key.</summary>
    const string DefaultKey = "default";

    /// <summary>Replaces what <paramref name="silo"/> holds with <paramref name="datasets"/>.</summary>
    [Alias("SetAsync")]
    Task SetAsync(SiloAddress silo, string[] datasets);

    /// <summary>The silos holding <paramref name="dataset"/>.</summary>
    [Alias("HoldersAsync")]
    Task<SiloAddress[]> HoldersAsync(string dataset);
}
