namespace Hive.Runtime.Placement;

/// <summary>
/// How to choose the silo of a new activation. A strategy is a value naming a policy; the silo's
/// <see cref="IPlacementDirector"/> registered for the strategy's type applies it. Attach one to a grain class with a
/// <see cref="PlacementAttribute"/>.
/// </summary>
public abstract class PlacementStrategy
{
    /// <summary>Name used in errors and diagnostics.</summary>
    public virtual string Name => GetType().Name;

    /// <inheritdoc />
    public override string ToString() => Name;
}
