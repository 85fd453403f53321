namespace Hive.Runtime.Placement;

/// <summary>The compatible silo with the fewest activations.</summary>
public sealed class ActivationCountBasedPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static ActivationCountBasedPlacement Singleton { get; } = new();
}
