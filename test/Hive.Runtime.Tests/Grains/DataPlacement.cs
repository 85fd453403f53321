using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Tests.Grains;

/// <summary>Like the platform's data placement: data silos only, preferring one that holds the dataset hot.</summary>
internal sealed class DataPlacement : PlacementStrategy
{
    public static DataPlacement Singleton { get; } = new();
}

internal sealed class DataPlacementAttribute() : PlacementAttribute(DataPlacement.Singleton);

internal sealed class DataPlacementDirector : IPlacementDirector
{
    public SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) => new() { Role = SiloRoles.Data };

    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new((context.CompatibleSilos.FirstOrDefault(s => s.Load.HotDatasets.Contains(target.GrainId.Key))
            ?? context.CompatibleSilos.MinBy(s => s.Load.ActivationCount)!).Address);
}

/// <summary>Reports the datasets a silo keeps hot: here, one named after the silo.</summary>
internal sealed class HotDatasetLoadProvider(SiloOptions options) : ISiloLoadProvider
{
    public SiloLoad Complete(SiloLoad load) => load with { HotDatasets = new HashSet<string> { "dataset-of-" + options.Name }, CpuUsagePercent = 12.5 };
}
