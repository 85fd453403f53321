namespace Hive.Trading.Backtesting;

/// <summary>Progress of a running backtest.</summary>
/// <param name="BarsProcessed">Bars replayed so far, across symbols.</param>
/// <param name="TotalBars">Bars to replay.</param>
/// <param name="CurrentTime">Close time of the last bar replayed, Unix epoch milliseconds (UTC).</param>
public readonly record struct BacktestProgress(long BarsProcessed, long TotalBars, long CurrentTime)
{
    /// <summary>Fraction done, 0 to 1.</summary>
    public double Fraction => TotalBars == 0 ? 1 : (double)BarsProcessed / TotalBars;
}
