using Orleans;
using Orleans.Concurrency;

namespace Hive.Grains.Backtests;

/// <summary>Receives a sweep's progress from the backtest grains running its points.</summary>
[Alias("hive.sweep-observer")]
public interface ISweepObserver : IGrainObserver
{
    /// <summary>One more point of the sweep finished (<paramref name="index"/> is its number).</summary>
    [OneWay]
    [Alias("PointDone")]
    Task PointDoneAsync(int index);
}
