using Hive.Runtime.Cluster;

namespace Hive.Runtime.Placement;

/// <summary>
/// Pins the placement of grains activated by calls made in the current flow to one silo (tests use it to put a grain
/// on a given silo). The hint travels in <see cref="RequestContext"/>; it is honoured only when the silo is active and
/// satisfies the strategy's requirements, otherwise placement fails naming the requirement.
/// </summary>
public static class PlacementHint
{
    internal const string Key = "hive.placement-hint";

    /// <summary>Places grains activated from now on in this flow on <paramref name="silo"/>.</summary>
    public static void Set(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        RequestContext.Set(Key, silo.ToString());
    }

    /// <summary>Removes the hint.</summary>
    public static void Clear() => RequestContext.Remove(Key);
}
