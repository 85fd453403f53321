using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Commands.Backtest;

/// <summary>Parses <c>--runner ID:SYMBOL:STRATEGY[:k=v,k=v]</c>.</summary>
internal static class RunnerSpec
{
    public const string Format = "ID:SYMBOL:STRATEGY[:k=v,k=v]";

    public static RunnerConfig Parse(string spec, decimal initialEquity)
    {
        var parts = spec.Split(':', 4, StringSplitOptions.TrimEntries);
        if (parts.Length < 3 || parts[0].Length == 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new CliException($"--runner '{spec}': expected {Format}, e.g. near_ema:NEARUSDT:ema-cross:fast=12,slow=26");
        }

        StrategyParameters parameters;
        try
        {
            parameters = StrategyParameters.Parse(parts.Length == 4 ? parts[3] : null);
        }
        catch (FormatException ex)
        {
            throw new CliException($"--runner '{spec}': {ex.Message}");
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
            throw new CliException($"--runner '{spec}': {ex.Message}");
        }

        return config;
    }
}
