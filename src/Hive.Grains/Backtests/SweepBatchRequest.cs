using Hive.Grains.Runners;
using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>
/// Sweep points for one backtest grain to run: the data and fees of <see cref="BacktestRequest"/>, one runner, and the
/// points' values of the swept parameters.
/// </summary>
/// <param name="Data">Candle files or folders on the data silo (as <c>--data</c>).</param>
/// <param name="Generate">Generated random-walk series (as <c>--generate</c>).</param>
/// <param name="Runner">The swept runner, before the points set its swept parameters.</param>
/// <param name="Parameters">The swept parameters' names.</param>
/// <param name="Points">The points: their number in the sweep and one value per swept parameter.</param>
/// <param name="FeeBps">Fee per fill in basis points of notional.</param>
/// <param name="SlippageBps">Adverse slippage in basis points.</param>
/// <param name="KeepOpen">Leave positions open at the end.</param>
/// <param name="TrainUntil">Where in-sample ends (Unix epoch milliseconds), or <c>null</c> to run over all bars.</param>
[GenerateSerializer]
[Alias("hive.sweep-batch-request")]
public sealed record SweepBatchRequest(
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Generate,
    RunnerDefinition Runner,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<SweepPointRequest> Points,
    decimal FeeBps = 10m,
    decimal SlippageBps = 0m,
    bool KeepOpen = false,
    long? TrainUntil = null);
