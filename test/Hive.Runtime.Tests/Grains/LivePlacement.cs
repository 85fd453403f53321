using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Tests.Grains;

/// <summary>A strategy like the platform's: live grains only on low-latency live silos, least loaded first.</summary>
internal sealed class LivePlacement : PlacementStrategy
{
    public static LivePlacement Singleton { get; } = new();
}

internal sealed class LivePlacementAttribute() : PlacementAttribute(LivePlacement.Singleton);

internal sealed class LivePlacementDirector : IPlacementDirector
{
    public SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) =>
        new() { Role = SiloRoles.Live, Tags = ["low_latency"] };

    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new(context.CompatibleSilos.MinBy(s => s.Load.ActivationCount)!.Address);
}

internal sealed class GpuPlacement : PlacementStrategy
{
    public static GpuPlacement Singleton { get; } = new();
}

internal sealed class GpuPlacementAttribute() : PlacementAttribute(GpuPlacement.Singleton);

internal sealed class GpuPlacementDirector : IPlacementDirector
{
    public SiloRequirements GetRequirements(PlacementStrategy strategy, PlacementTarget target) => new() { Role = "gpu" };

    public ValueTask<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        new(context.CompatibleSilos[0].Address);
}
