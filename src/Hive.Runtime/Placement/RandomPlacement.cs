namespace Hive.Runtime.Placement;

/// <summary>Any compatible silo at random (the default).</summary>
public sealed class RandomPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static RandomPlacement Singleton { get; } = new();
}
