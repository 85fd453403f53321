using Hive.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>
/// Live trading grains (runners, market feeds, gateways): only on <c>role=live</c> silos; among them the silo already
/// hosting the market feed of the grain's symbol, then the least loaded (see <see cref="LivePlacementDirector"/>).
/// </summary>
public sealed class LivePlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static LivePlacement Singleton { get; } = new();
}
