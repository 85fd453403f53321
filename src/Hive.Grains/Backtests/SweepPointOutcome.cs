using Hive.Trading.Metrics;
using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>The result of one sweep point run by a backtest grain.</summary>
/// <param name="Index">The point's number in the sweep.</param>
/// <param name="InSample">Metrics over the in-sample bars (all bars when not split); <c>null</c> when the point could not run.</param>
/// <param name="OutOfSample">Metrics over the out-of-sample bars; <c>null</c> when not split or the point could not run.</param>
/// <param name="InSampleTrades">Fingerprint of the in-sample trades.</param>
/// <param name="OutOfSampleTrades">Fingerprint of the out-of-sample trades.</param>
/// <param name="Error">Why the point could not run or its runner stopped early, or <c>null</c>.</param>
[GenerateSerializer]
[Alias("hive.sweep-point-outcome")]
public sealed record SweepPointOutcome(
    int Index,
    PerformanceMetrics? InSample,
    PerformanceMetrics? OutOfSample,
    string? InSampleTrades,
    string? OutOfSampleTrades,
    string? Error);
