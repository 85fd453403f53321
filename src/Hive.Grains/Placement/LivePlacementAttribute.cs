using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Hive.Grains.Placement;

/// <summary>Places the grain class with <see cref="LivePlacement"/>: only on <c>live</c> silos, next to its symbol's feed.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class LivePlacementAttribute : PlacementAttribute
{
    /// <summary>Creates the attribute.</summary>
    public LivePlacementAttribute()
        : base(LivePlacement.Singleton)
    {
    }
}
