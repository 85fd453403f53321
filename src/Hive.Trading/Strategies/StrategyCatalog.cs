using Hive.Trading.Strategies.Compiled;

namespace Hive.Trading.Strategies;

/// <summary>
/// Strategy names to factories: the compiled strategies by name (<c>ema-cross</c>, <c>rsi-reversion</c>) and
/// pluggable <see cref="IStrategyResolver"/>s for file-based strategies (the Lua host registers one claiming
/// <c>*.lua</c> paths). <see cref="Default"/> is the catalog the <c>hive</c> tool configures at start-up.
/// Thread-safe.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StrategyDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IStrategyResolver> _resolvers = [];

    /// <summary>The process-wide catalog with the compiled strategies; hosts add resolvers to it at start-up.</summary>
    public static StrategyCatalog Default { get; } = CreateWithBuiltIns();

    /// <summary>A new catalog holding the compiled strategies.</summary>
    public static StrategyCatalog CreateWithBuiltIns()
    {
        var catalog = new StrategyCatalog();
        catalog.Register(EmaCrossStrategy.Descriptor);
        catalog.Register(RsiReversionStrategy.Descriptor);
        return catalog;
    }

    /// <summary>The registered strategies, by name.</summary>
    public IReadOnlyList<StrategyDescriptor> Strategies
    {
        get
        {
            lock (_lock)
            {
                return [.. _byName.Values.OrderBy(static d => d.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Registers (or replaces) a named strategy.</summary>
    public void Register(StrategyDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(descriptor.Name);
        lock (_lock)
        {
            _byName[descriptor.Name] = descriptor;
        }
    }

    /// <summary>Adds a resolver, asked in order of registration for names not registered directly.</summary>
    public void AddResolver(IStrategyResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        lock (_lock)
        {
            if (!_resolvers.Contains(resolver))
            {
                _resolvers.Add(resolver);
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is registered or claimed by a resolver.</summary>
    public bool IsKnown(string name)
    {
        lock (_lock)
        {
            return _byName.ContainsKey(name) || _resolvers.Any(r => r.CanResolve(name));
        }
    }

    /// <summary>What the catalog knows, for error messages: <c>ema-cross, rsi-reversion, *.lua scripts</c>.</summary>
    public string DescribeKnown()
    {
        lock (_lock)
        {
            return string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal).Concat(_resolvers.Select(static r => r.Description)));
        }
    }

    /// <summary>
    /// Creates a fresh instance of <paramref name="name"/> configured with <paramref name="parameters"/>. Throws
    /// <see cref="StrategyConfigurationException"/> for an unknown name (listing the known ones), an unknown parameter
    /// (listing the accepted ones) or a malformed value (naming the parameter).
    /// </summary>
    public IStrategy Create(string name, StrategyParameters? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        parameters ??= StrategyParameters.Empty;
        StrategyDescriptor? descriptor;
        IStrategyResolver? resolver = null;
        lock (_lock)
        {
            if (!_byName.TryGetValue(name, out descriptor))
            {
                resolver = _resolvers.FirstOrDefault(r => r.CanResolve(name));
            }
        }

        if (descriptor is not null)
        {
            foreach (var key in parameters.Values.Keys)
            {
                // 'timeframe' is the runner's, carried with the parameters; every strategy accepts it.
                if (!descriptor.Parameters.Contains(key, StringComparer.OrdinalIgnoreCase)
                    && !string.Equals(key, Runners.Timeframe.ParameterName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new StrategyConfigurationException(name,
                        $"strategy '{descriptor.Name}' has no parameter '{key}'; accepted: {string.Join(", ", descriptor.Parameters)}");
                }
            }

            try
            {
                return descriptor.Factory(parameters);
            }
            catch (FormatException ex)
            {
                throw new StrategyConfigurationException(name, $"strategy '{descriptor.Name}': {ex.Message}", ex);
            }
        }

        if (resolver is not null)
        {
            try
            {
                return resolver.Create(name, parameters);
            }
            catch (FormatException ex)
            {
                throw new StrategyConfigurationException(name, $"strategy '{name}': {ex.Message}", ex);
            }
        }

        throw new StrategyConfigurationException(name, $"unknown strategy '{name}'; known: {DescribeKnown()}");
    }
}
