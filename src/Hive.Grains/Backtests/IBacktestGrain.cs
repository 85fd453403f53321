using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Backtests;

/// <summary>
/// Runs backtests on a <c>data</c> silo (key = a backtest name) through the same runner logic as live trading and as
/// <c>hive backtest</c>. Bad input (a missing file, an unknown strategy) fails with an <see cref="ArgumentException"/>
/// naming it.
/// </summary>
[Alias("hive.backtest")]
public interface IBacktestGrain : IGrainWithStringKey
{
    /// <summary>Replays the request's data through its runners and returns the report.</summary>
    [ResponseTimeout("00:30:00")]
    [Alias("RunAsync")]
    Task<BacktestResult> RunAsync(BacktestRequest request);
}
