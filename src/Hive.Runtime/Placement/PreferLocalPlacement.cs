namespace Hive.Runtime.Placement;

/// <summary>The calling silo when it is compatible, otherwise random.</summary>
public sealed class PreferLocalPlacement : PlacementStrategy
{
    /// <summary>The shared instance.</summary>
    public static PreferLocalPlacement Singleton { get; } = new();
}
