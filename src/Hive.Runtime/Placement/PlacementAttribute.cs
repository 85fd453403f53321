namespace Hive.Runtime.Placement;

/// <summary>Base of placement attributes on grain classes; derive one per strategy (<c>[LivePlacement]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public abstract class PlacementAttribute : Attribute
{
    /// <summary>Creates the attribute for <paramref name="strategy"/>.</summary>
    protected PlacementAttribute(PlacementStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        PlacementStrategy = strategy;
    }

    /// <summary>The strategy.</summary>
    public PlacementStrategy PlacementStrategy { get; }
}
