namespace Hive.Runtime.Placement;

/// <summary>Places the grain class with <see cref="ActivationCountBasedPlacement"/>: The compatible silo with the fewest activations.</summary>
public sealed class ActivationCountBasedPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public ActivationCountBasedPlacementAttribute()
        : base(ActivationCountBasedPlacement.Singleton)
    {
    }
}
