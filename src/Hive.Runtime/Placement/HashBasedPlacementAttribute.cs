namespace Hive.Runtime.Placement;

/// <summary>Places the grain class with <see cref="HashBasedPlacement"/>: A compatible silo chosen by a stable hash of the grain ID.</summary>
public sealed class HashBasedPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public HashBasedPlacementAttribute()
        : base(HashBasedPlacement.Singleton)
    {
    }
}
