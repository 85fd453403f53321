namespace Hive.Trading.Metrics;

/// <summary>
/// Performance of a runner or a portfolio over a backtest or a live session. Conventions (DESIGN §2): returns for
/// Sharpe and Sortino are daily UTC equity returns (equity at each UTC day's last point), annualised with √365 and the
/// sample standard deviation, risk-free rate zero; max drawdown is measured on the marked-to-market equity curve; a
/// trade whose P&amp;L after fees is ≤ 0 is a loss.
/// </summary>
/// <param name="InitialEquity">Equity at the start.</param>
/// <param name="FinalEquity">Equity at the end.</param>
/// <param name="TotalReturn">Final over initial equity minus one.</param>
/// <param name="Cagr">Compound annual growth rate over the curve's span (365-day years); 0 for a span shorter than a day.</param>
/// <param name="Sharpe">Mean over sample standard deviation of daily returns, × √365; 0 when undefined.</param>
/// <param name="Sortino">Mean daily return over downside deviation (√ of the mean of squared negative returns, n − 1), × √365; 0 when undefined.</param>
/// <param name="MaxDrawdown">Largest peak-to-trough fall of equity as a fraction of the peak (0.25 = 25 %).</param>
/// <param name="TradeCount">Closed trades.</param>
/// <param name="WinRate">Winning trades over all trades; 0 without trades.</param>
/// <param name="ProfitFactor">Gross profit over gross loss; <see cref="double.PositiveInfinity"/> with profits and no loss, 0 without profit.</param>
/// <param name="ExposureTime">Fraction of the curve's span during which a position was open.</param>
/// <param name="NetProfit">Sum of closed trades' P&amp;L after fees.</param>
/// <param name="TotalFees">Sum of fees paid.</param>
public sealed record PerformanceMetrics(
    decimal InitialEquity,
    decimal FinalEquity,
    double TotalReturn,
    double Cagr,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    int TradeCount,
    double WinRate,
    double ProfitFactor,
    double ExposureTime,
    decimal NetProfit,
    decimal TotalFees);
