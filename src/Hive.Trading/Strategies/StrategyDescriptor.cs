namespace Hive.Trading.Strategies;

/// <summary>A strategy registered by name in a <see cref="StrategyCatalog"/>.</summary>
/// <param name="Name">The name used on the command line and in runner files, e.g. <c>ema-cross</c>.</param>
/// <param name="Description">One line for help texts.</param>
/// <param name="Parameters">The parameter names the strategy reads; any other name is rejected.</param>
/// <param name="Factory">Creates one instance per runner (instances are never shared between runners).</param>
public sealed record StrategyDescriptor(
    string Name,
    string Description,
    IReadOnlyList<string> Parameters,
    Func<StrategyParameters, IStrategy> Factory);
