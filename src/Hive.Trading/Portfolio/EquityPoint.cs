namespace Hive.Trading.Portfolio;

/// <summary>
/// Marked-to-market equity (cash plus open position at the last price) at a point in time. Equity curves keep a point
/// whenever equity changes, plus the first and last bar, so that drawdown and daily returns computed from the stored
/// curve equal those of the full per-bar curve.
/// </summary>
/// <param name="Timestamp">Unix epoch milliseconds (UTC).</param>
/// <param name="Equity">Equity in quote currency.</param>
public readonly record struct EquityPoint(long Timestamp, decimal Equity);
