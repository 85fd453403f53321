using Hive.Trading.Strategies;

namespace Hive.Trading.Portfolio;

/// <summary>
/// A round trip of one runner: entry and exit fills of the same quantity. <see cref="Pnl"/> is after fees on both
/// sides; a trade with <see cref="Pnl"/> ≤ 0 counts as a loss.
/// </summary>
/// <param name="RunnerId">The runner that owned the position.</param>
/// <param name="Symbol">Exchange symbol.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Quantity entered and exited.</param>
/// <param name="EntryTime">Entry fill time, Unix epoch milliseconds (UTC).</param>
/// <param name="EntryPrice">Entry fill price, slippage included.</param>
/// <param name="ExitTime">Exit fill time, Unix epoch milliseconds (UTC).</param>
/// <param name="ExitPrice">Exit fill price, slippage included.</param>
/// <param name="Fees">Fees paid on entry and exit.</param>
/// <param name="Pnl">Realized profit or loss after fees.</param>
/// <param name="ExitReason">Why the position closed: <c>strategy</c>, <c>stop_loss</c>, <c>take_profit</c>, <c>end_of_data</c>, <c>kill_switch</c>.</param>
public sealed record ClosedTrade(
    string RunnerId,
    string Symbol,
    PositionSide Side,
    decimal Quantity,
    long EntryTime,
    decimal EntryPrice,
    long ExitTime,
    decimal ExitPrice,
    decimal Fees,
    decimal Pnl,
    string ExitReason);
