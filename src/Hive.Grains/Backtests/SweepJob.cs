using Hive.Grains.Runners;
using Hive.Trading.Backtesting.Sweeps;

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
    /// <summary>The seed the points were drawn with, when <see cref="SweepPlan.Sampled"/>.</summary>
    public int? Seed { get; init; }
}
