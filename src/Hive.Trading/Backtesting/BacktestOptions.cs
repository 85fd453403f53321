using Hive.Trading.Execution;
using Hive.Trading.Risk;

namespace Hive.Trading.Backtesting;

/// <summary>Settings of a <see cref="Backtester"/> run that are not per runner.</summary>
public sealed record BacktestOptions
{
    /// <summary>Fee per fill as a fraction of notional; default 0.001 (Binance spot taker, 0.1 %).</summary>
    public decimal FeeRate { get; init; } = PaperFillModel.DefaultFeeRate;

    /// <summary>Adverse slippage on market and stop fills, in basis points.</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>
    /// Whether positions still open after the last bar are closed at that bar's close (exit reason
    /// <c>end_of_data</c>, fees charged, pre-trade risk bypassed) so that every runner's P&amp;L is realized and the
    /// trade list explains the final equity. When false they stay open and are marked to market in the final equity.
    /// </summary>
    public bool CloseOpenPositionsAtEnd { get; init; } = true;

    /// <summary>Account-level limits shared by all runners of the run.</summary>
    public RiskLimits AccountLimits { get; init; } = RiskLimits.None;

    /// <summary>
    /// Milliseconds between two kept points of the report's equity curves (a divisor of a day), or <c>null</c> to
    /// choose with <see cref="Backtesting.EquityResolution.Choose"/>. Metrics are computed exactly whatever the value.
    /// </summary>
    public long? EquityResolution { get; init; }

    /// <summary>Whether to keep every runner's and the total's bar-by-bar equity curve as well (<c>hive backtest --full-equity</c>).</summary>
    public bool FullEquity { get; init; }

    /// <summary>Bars between two progress callbacks.</summary>
    public int ProgressInterval { get; init; } = 65_536;
}
