using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Live trading grains (runners, market feeds, gateways, stream hubs): only on <c>role=live</c> silos; among them the
/// silo already hosting the market feed of the grain's symbol, then the least loaded (see
/// <see cref="LivePlacementDirector"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("hive.live-placement")]
public sealed class LivePlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static LivePlacement Singleton { get; } = new();
}
