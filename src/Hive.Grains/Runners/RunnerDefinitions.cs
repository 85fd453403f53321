using Hive.Trading.Strategies;

namespace Hive.Grains.Runners;

/// <summary>Checks and compares runner definitions.</summary>
internal static class RunnerDefinitions
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the runner and the field when <paramref name="definition"/> is not
    /// valid: IDs and symbol, positive numbers and limits, an account, and a strategy the catalog resolves with these
    /// parameters (a Lua script is loaded, so a syntax error or a missing function shows here).
    /// </summary>
    public static void Validate(RunnerDefinition definition, StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Parameters is null)
        {
            throw new ArgumentException($"Runner '{definition.RunnerId}': parameters are missing.");
        }

        definition.ToConfig().Validate();
        if (string.IsNullOrWhiteSpace(definition.Account))
        {
            throw new ArgumentException($"Runner '{definition.RunnerId}': account is empty.");
        }

        if (!catalog.IsKnown(definition.Strategy))
        {
            throw new ArgumentException($"Runner '{definition.RunnerId}': unknown strategy '{definition.Strategy}'; known: {catalog.DescribeKnown()}.");
        }

        try
        {
            _ = catalog.Create(definition.Strategy, new StrategyParameters(definition.Parameters));
        }
        catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException or IOException or FormatException)
        {
            throw new ArgumentException($"Runner '{definition.RunnerId}': {ex.Message}", ex);
        }
    }

    /// <summary>Whether two definitions configure the same runner (parameters compared by content).</summary>
    public static bool Same(RunnerDefinition a, RunnerDefinition b) =>
        a with { Parameters = b.Parameters } == b
        && a.Parameters.Count == b.Parameters.Count
        && a.Parameters.All(kv => b.Parameters.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
