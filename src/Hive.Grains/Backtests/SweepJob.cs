using System.Globalization;
using Hive.Grains.Runners;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Grains.Backtests;

/// <summary>A parameter sweep for <see cref="SweepRunner"/>: the data, the swept runner, the points and the objective.</summary>
/// <param name="Data">Candle files or folders, read on the data silos (as <c>--data</c>).</param>
/// <param name="Generate">Generated random-walk series (as <c>--generate</c>).</param>
/// <param name="Runner">The swept runner; each point sets the swept parameters over its own.</param>
/// <param name="Plan">The swept parameters and the points to run.</param>
/// <param name="Objective">What the points are ranked by.</param>
/// <param name="TrainUntil">Where in-sample ends (Unix epoch milliseconds), or <c>null</c> to run over all bars.</param>
/// <param name="FeeBps">Fee per fill in basis points of notional.</param>
/// <param name="SlippageBps">Adverse slippage in basis points.</param>
/// <param name="KeepOpen">Leave positions open at the end.</param>
public sealed record SweepJob(
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Generate,
    RunnerDefinition Runner,
    SweepPlan Plan,
    SweepObjective Objective,
    long? TrainUntil = null,
    decimal FeeBps = 10m,
    decimal SlippageBps = 0m,
    bool KeepOpen = false)
{
    /// <summary>The forms <see cref="ParseTrainUntil"/> accepts, for help texts and errors.</summary>
    public const string TrainUntilFormat = "a UTC date or time like 2026-02-20 or 2026-02-20T12:00";

    private static readonly string[] TrainUntilFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mmZ", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm"];

    /// <summary>The seed the points were drawn with, when <see cref="SweepPlan.Sampled"/>.</summary>
    public int? Seed { get; init; }

    /// <summary>
    /// Checks a sweep as <c>hive backtest --sweep</c> and the API's <c>SubmitSweep</c> take it and builds the job: the
    /// fees, the swept parameters (<see cref="SweepParameter.Parse"/>), the objective, the plan, the data, exactly one
    /// runner, every swept name against the runner's strategy in <paramref name="catalog"/> (a compiled strategy lists
    /// its parameters) and that at least one point makes a valid strategy, and <paramref name="trainUntil"/>
    /// (<see cref="ParseTrainUntil"/>). Every mistake throws a <see cref="FormatException"/> or
    /// <see cref="ArgumentException"/> whose message names it.
    /// </summary>
    public static SweepJob Create(
        IReadOnlyList<string> data,
        IReadOnlyList<string> generate,
        IReadOnlyList<RunnerConfig> runners,
        IReadOnlyList<string> sweeps,
        string objective,
        int? samples,
        int seed,
        string? trainUntil,
        decimal feeBps,
        decimal slippageBps,
        bool keepOpen,
        StrategyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generate);
        ArgumentNullException.ThrowIfNull(runners);
        ArgumentNullException.ThrowIfNull(sweeps);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(catalog);
        _ = BacktestInputs.Options(feeBps, slippageBps, keepOpen);
        var parameters = sweeps.Select(SweepParameter.Parse).ToList();
        var ranking = SweepObjective.Parse(objective);
        var plan = SweepPlan.Create(parameters, samples, seed);
        if (data.Count == 0 && generate.Count == 0)
        {
            throw new ArgumentException("no data: give --data PATH (a candle file or folder) or --generate SYMBOL:BARS[:SEED]");
        }

        if (runners.Count != 1)
        {
            throw new ArgumentException($"a sweep varies one runner, got {runners.Count} ({string.Join(", ", runners.Select(static r => r.RunnerId))}); give one --runner");
        }

        var runner = runners[0];
        CheckNames(catalog, runner, plan);
        return new SweepJob(data, generate, RunnerDefinition.FromConfig(runner), plan, ranking, ParseTrainUntil(trainUntil), feeBps, slippageBps, keepOpen)
        {
            Seed = seed,
        };
    }

    /// <summary>
    /// Where in-sample ends, from <c>--train-until</c>: a UTC date or time (<see cref="TrainUntilFormat"/>) as Unix epoch
    /// milliseconds; <c>null</c> or blank for no split. Throws <see cref="FormatException"/> naming the text otherwise.
    /// </summary>
    public static long? ParseTrainUntil(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text.Trim(), TrainUntilFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUnixTimeMilliseconds()
            : throw new FormatException($"--train-until '{text}': expected {TrainUntilFormat}");
    }

    // A swept name the strategy does not take is a mistake, whatever the values; a compiled strategy lists its parameters.
    private static void CheckNames(StrategyCatalog catalog, RunnerConfig runner, SweepPlan plan)
    {
        var descriptor = catalog.Strategies.FirstOrDefault(d => string.Equals(d.Name, runner.Strategy, StringComparison.Ordinal));
        if (descriptor is not null)
        {
            foreach (var name in plan.Names)
            {
                if (!descriptor.Parameters.Contains(name, StringComparer.OrdinalIgnoreCase) && !string.Equals(name, Timeframe.ParameterName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException(
                        $"--sweep '{name}': strategy '{descriptor.Name}' (runner '{runner.RunnerId}') has no parameter '{name}'; accepted: {string.Join(", ", descriptor.Parameters)}");
                }
            }
        }

        // At least one point must make a strategy; otherwise every point would come back with the same error.
        string? first = null;
        foreach (var point in plan.Points)
        {
            try
            {
                catalog.Create(runner.Strategy, SweepEvaluator.ConfigOf(runner, plan.Names, point).Parameters);
                return;
            }
            catch (Exception ex) when (ex is StrategyConfigurationException or StrategyException)
            {
                first ??= $"{point.Describe(plan.Names)}: {ex.Message}";
            }
        }

        throw new ArgumentException($"runner '{runner.RunnerId}': no point of the sweep makes a valid strategy, e.g. {first}");
    }
}
