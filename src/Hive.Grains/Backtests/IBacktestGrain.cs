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

    /// <summary>
    /// Starts the request in the background and returns at once; bad input fails here with an
    /// <see cref="ArgumentException"/>. Follow it with <see cref="GetProgressAsync"/> and <see cref="GetResultAsync"/>.
    /// </summary>
    [Alias("SubmitAsync")]
    Task SubmitAsync(BacktestRequest request);

    /// <summary>Where the submitted backtest is, with its bar counts.</summary>
    [Alias("GetProgressAsync")]
    Task<BacktestJobProgress> GetProgressAsync();

    /// <summary>The finished backtest's result; fails naming the state when it is not finished.</summary>
    [Alias("GetResultAsync")]
    Task<BacktestResult> GetResultAsync();

    /// <summary>Cancels the submitted backtest.</summary>
    [Alias("CancelAsync")]
    Task CancelAsync();
}
