using Hive.Trading.Strategies;

namespace Hive.Lua;

/// <summary>
/// Lets a <see cref="StrategyCatalog"/> create strategies from <c>.lua</c> paths: <c>hive backtest --strategy
/// my/strategy.lua</c> or <c>strategy: strategies/ema_crossover.lua</c> in a runner file. Each call loads a fresh VM, so
/// every runner gets its own.
/// </summary>
public sealed class LuaStrategyResolver : IStrategyResolver
{
    /// <summary>
    /// Creates the resolver; every VM it creates uses <paramref name="options"/>, or when <c>null</c> the defaults
    /// overridden by the <c>HIVE_LUA_*</c> environment variables (<see cref="LuaStrategyOptions.FromEnvironment()"/>),
    /// so an operator sets the sandbox's limits of <c>hive backtest</c> and <c>hive run</c> without code.
    /// </summary>
    public LuaStrategyResolver(LuaStrategyOptions? options = null)
    {
        Options = options ?? LuaStrategyOptions.FromEnvironment();
        Options.Validate();
    }

    /// <summary>The limits of the VMs this resolver creates.</summary>
    public LuaStrategyOptions Options { get; }

    /// <inheritdoc />
    public string Description => "*.lua scripts";

    /// <summary>Adds a resolver with <paramref name="options"/> to <paramref name="catalog"/> and returns it.</summary>
    public static LuaStrategyResolver Register(StrategyCatalog catalog, LuaStrategyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var resolver = new LuaStrategyResolver(options);
        catalog.AddResolver(resolver);
        return resolver;
    }

    /// <inheritdoc />
    public bool CanResolve(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.EndsWith(".lua", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IStrategy Create(string name, StrategyParameters parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return LuaStrategy.LoadFile(name, parameters, Options);
    }
}
