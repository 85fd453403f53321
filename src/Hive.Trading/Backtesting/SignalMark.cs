namespace Hive.Trading.Backtesting;

/// <summary>A strategy decision at a point in time, for marking on a chart.</summary>
/// <param name="Timestamp">Unix epoch milliseconds (UTC).</param>
/// <param name="Price">The price at the decision (fill price for entries and exits).</param>
/// <param name="Kind">What happened, for example <c>opportunity</c>, <c>enter_long</c>, <c>exit</c>, <c>stop_loss</c>.</param>
/// <param name="Detail">Free text: the strategy's reason, the denial message.</param>
public readonly record struct SignalMark(long Timestamp, double Price, string Kind, string? Detail);
