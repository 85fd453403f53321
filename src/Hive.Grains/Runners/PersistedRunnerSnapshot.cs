using Hive.Trading.Runners;

namespace Hive.Grains.Runners;

/// <summary>A <see cref="RunnerSnapshot"/> in a form System.Text.Json binds both ways.</summary>
internal sealed record PersistedRunnerSnapshot(
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
    IReadOnlyList<PersistedContextValue> Context,
    long OrderSequence,
    long LastTimestamp,
    double LastPrice,
    int TradeCount = 0)
{
    public static PersistedRunnerSnapshot From(RunnerSnapshot s) => new(
        s.RunnerId, s.Symbol, s.State, s.StoppedReason, s.Quantity, s.AverageEntryPrice, s.EntryTime, s.OpenEntryFees,
        s.RealizedPnl, s.TotalFees, s.StopLoss, s.TakeProfit, [.. s.Context.Select(kv => PersistedContextValue.From(kv.Key, kv.Value))],
        s.OrderSequence, s.LastTimestamp, s.LastPrice, s.TradeCount);

    public RunnerSnapshot ToSnapshot() => new(
        RunnerId, Symbol, State, StoppedReason, Quantity, AverageEntryPrice, EntryTime, OpenEntryFees, RealizedPnl, TotalFees,
        StopLoss, TakeProfit, [.. Context.Select(c => c.ToPair())], OrderSequence, LastTimestamp, LastPrice, TradeCount);
}
