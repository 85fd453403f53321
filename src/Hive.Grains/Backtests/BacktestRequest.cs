using Hive.Grains.Runners;
using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>A backtest to run on a data silo: the same inputs as <c>hive backtest</c>.</summary>
/// <param name="Data">Candle files or folders on the data silo, <c>PATH</c> or <c>SYMBOL=PATH</c> (as <c>--data</c>).</param>
/// <param name="Generate">Generated random-walk series, <c>SYMBOL:BARS[:SEED]</c> (as <c>--generate</c>).</param>
/// <param name="Runners">The runners to replay.</param>
/// <param name="FeeBps">Fee per fill in basis points of notional (as <c>--fee-bps</c>).</param>
/// <param name="SlippageBps">Adverse slippage in basis points (as <c>--slippage-bps</c>).</param>
/// <param name="KeepOpen">Leave positions open at the end (as <c>--keep-open</c>).</param>
[GenerateSerializer]
[Alias("hive.backtest-request")]
public sealed record BacktestRequest(
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Generate,
    IReadOnlyList<RunnerDefinition> Runners,
    decimal FeeBps = 10m,
    decimal SlippageBps = 0m,
    bool KeepOpen = false);
