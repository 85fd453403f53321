namespace Hive.Runtime.Placement;

/// <summary>Places the grain class with <see cref="RandomPlacement"/>: Any compatible silo at random (the default).</summary>
public sealed class RandomPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public RandomPlacementAttribute()
        : base(RandomPlacement.Singleton)
    {
    }
}
