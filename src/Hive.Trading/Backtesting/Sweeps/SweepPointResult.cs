using Hive.Trading.Metrics;

namespace Hive.Trading.Backtesting.Sweeps;

/// <summary>
/// The result of one sweep point: the runner's metrics over the in-sample bars (all bars without
/// <c>--train-until</c>) and over the out-of-sample bars, each with a fingerprint of its trades
/// (<see cref="TradeFingerprint"/>), or the reason the point could not run.
/// </summary>
/// <param name="Point">The point.</param>
/// <param name="InSample">Metrics of the in-sample run; <c>null</c> when the point could not run.</param>
/// <param name="OutOfSample">Metrics of the out-of-sample run; <c>null</c> without <c>--train-until</c> or when the point could not run.</param>
/// <param name="Error">Why the point could not run, or why its runner stopped early (a strategy error), or <c>null</c>.</param>
public sealed record SweepPointResult(SweepPoint Point, PerformanceMetrics? InSample, PerformanceMetrics? OutOfSample, string? Error)
{
    /// <summary>The fingerprint of the in-sample run's trades.</summary>
    public string? InSampleTrades { get; init; }

    /// <summary>The fingerprint of the out-of-sample run's trades.</summary>
    public string? OutOfSampleTrades { get; init; }

    /// <summary>The silo that ran the point, when it ran on a cluster.</summary>
    public string? Silo { get; init; }
}
