using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Grains.Runners;

/// <summary>
/// Parses the one-line runner form <c>ID:SYMBOL:STRATEGY[:k=v,k=v]</c> (<c>--runner</c> of the command line, the
/// <c>specs</c> of the gRPC API); errors are <see cref="FormatException"/>s quoting the spec.
/// </summary>
public static class RunnerSpecs
{
    /// <summary>The form, for help texts and messages.</summary>
    public const string Format = "ID:SYMBOL:STRATEGY[:k=v,k=v]";

    /// <summary>The runner <paramref name="spec"/> describes, starting with <paramref name="initialEquity"/>.</summary>
    public static RunnerConfig Parse(string spec, decimal initialEquity)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':', 4, StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new FormatException($"--runner '{spec}': expected {Format}, e.g. near_ema:NEARUSDT:ema-cross:fast=12,slow=26");
        }

        StrategyParameters parameters;
        try
        {
            parameters = StrategyParameters.Parse(parts.Length == 4 ? parts[3] : null);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"--runner '{spec}': {ex.Message}", ex);
        }

        var config = new RunnerConfig
        {
            RunnerId = parts[0],
            Symbol = parts[1].ToUpperInvariant(),
            Strategy = parts[2],
            Parameters = parameters,
            InitialEquity = initialEquity,
        };

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"--runner '{spec}': {ex.Message}");
        }

        return config;
    }
}
