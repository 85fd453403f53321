namespace Hive.Runtime.Placement;

/// <summary>Places the grain class with <see cref="PreferLocalPlacement"/>: The calling silo when it is compatible, otherwise random.</summary>
public sealed class PreferLocalPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public PreferLocalPlacementAttribute()
        : base(PreferLocalPlacement.Singleton)
    {
    }
}
