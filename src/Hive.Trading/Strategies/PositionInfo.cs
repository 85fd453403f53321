namespace Hive.Trading.Strategies;

/// <summary>The runner's open position as a strategy sees it (<c>context.position</c> in Lua).</summary>
/// <param name="Side">Long or short.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="Quantity">Absolute quantity held.</param>
/// <param name="StopLoss">Current stop-loss, if any.</param>
/// <param name="TakeProfit">Current take-profit, if any.</param>
/// <param name="UnrealizedPnl">Profit or loss at the last price, before exit fees.</param>
/// <param name="EntryTime">When the position was opened, Unix epoch milliseconds (UTC).</param>
public readonly record struct PositionInfo(
    PositionSide Side,
    double EntryPrice,
    double Quantity,
    double? StopLoss,
    double? TakeProfit,
    double UnrealizedPnl,
    long EntryTime);
