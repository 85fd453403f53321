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
    /// Runs a batch of sweep points one after the other over the request's data (loaded once, kept in the silo's
    /// dataset cache), telling <paramref name="observer"/> as each point finishes. A point whose strategy rejects its
    /// values comes back with the reason; bad data or a bad runner fails the call with an <see cref="ArgumentException"/>.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    [Alias("RunSweep")]
    Task<SweepBatchResult> RunSweepAsync(SweepBatchRequest request, ISweepObserver? observer);

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
