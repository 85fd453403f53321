namespace Hive.Runtime.Placement;

/// <summary>A compatible silo chosen by a stable hash of the grain ID.</summary>
public sealed class HashBasedPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static HashBasedPlacement Singleton { get; } = new();
}
