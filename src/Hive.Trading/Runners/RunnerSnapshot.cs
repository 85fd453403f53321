using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

/// <summary>
/// What a runner persists so that a reactivated runner resumes where it was (DESIGN §4): its state, position and
/// P&amp;L, protections, strategy context and counters. The window and indicators are not part of it: they warm up
/// again from market data. Closed trades belong to the ledger, not to the snapshot.
/// </summary>
/// <param name="RunnerId">The runner.</param>
/// <param name="Symbol">Its symbol.</param>
/// <param name="State">State at the snapshot.</param>
/// <param name="StoppedReason">Why it was stopped, when <paramref name="State"/> is <see cref="RunnerState.Stopped"/>.</param>
/// <param name="Quantity">Signed position.</param>
/// <param name="AverageEntryPrice">Average entry price of the position.</param>
/// <param name="EntryTime">When the position was opened (Unix ms).</param>
/// <param name="OpenEntryFees">Entry fees of the open position not yet realized.</param>
/// <param name="RealizedPnl">Realized P&amp;L after fees.</param>
/// <param name="TotalFees">All fees paid.</param>
/// <param name="StopLoss">Current stop-loss.</param>
/// <param name="TakeProfit">Current take-profit.</param>
/// <param name="Context">The strategy context's values.</param>
/// <param name="OrderSequence">Last client order sequence number used, so that IDs stay unique across activations.</param>
/// <param name="LastTimestamp">Event time of the last update.</param>
/// <param name="LastPrice">Last price seen.</param>
/// <param name="TradeCount">Trades closed since the runner was created, all activations together.</param>
public sealed record RunnerSnapshot(
    string RunnerId,
    string Symbol,
    RunnerState State,
    string? StoppedReason,
    decimal Quantity,
    decimal AverageEntryPrice,
    long EntryTime,
    decimal OpenEntryFees,
    decimal RealizedPnl,
    decimal TotalFees,
    double? StopLoss,
    double? TakeProfit,
    IReadOnlyList<KeyValuePair<string, ContextValue>> Context,
    long OrderSequence,
    long LastTimestamp,
    double LastPrice,
    int TradeCount = 0);
