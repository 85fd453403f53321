namespace Hive.Trading.Strategies;

/// <summary>
/// Creates strategies a <see cref="StrategyCatalog"/> does not register by name, for example Lua scripts: a resolver
/// claims names (paths ending in <c>.lua</c>) and builds the strategy from the file. Registered with
/// <see cref="StrategyCatalog.AddResolver"/>.
/// </summary>
public interface IStrategyResolver
{
    /// <summary>What the resolver accepts, for error messages listing the known strategies, e.g. <c>*.lua scripts</c>.</summary>
    string Description { get; }

    /// <summary>Whether this resolver handles <paramref name="name"/>.</summary>
    bool CanResolve(string name);

    /// <summary>
    /// Creates the strategy. Throws <see cref="StrategyConfigurationException"/> (or <see cref="StrategyException"/>
    /// with step <c>load</c>) naming the file and line when it cannot.
    /// </summary>
    IStrategy Create(string name, StrategyParameters parameters);
}
