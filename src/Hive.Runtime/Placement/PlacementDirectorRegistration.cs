namespace Hive.Runtime.Placement;

/// <summary>Binds a strategy type to its director type in a silo's services (see <c>HiveSiloBuilder.AddPlacementDirector</c>).</summary>
public sealed record PlacementDirectorRegistration(Type StrategyType, Type DirectorType);
