using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>Places the grain class with <see cref="DataPlacement"/>: only on <c>data</c> silos, next to its dataset.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class DataPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public DataPlacementAttribute()
        : base(DataPlacement.Singleton)
    {
    }
}
