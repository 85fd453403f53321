using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>How far a submitted backtest is.</summary>
/// <param name="State">Where it is.</param>
/// <param name="BarsProcessed">Bars replayed so far.</param>
/// <param name="TotalBars">Bars to replay (0 while the data is loading).</param>
/// <param name="Silo">The data silo running it.</param>
/// <param name="Error">Why it failed; <c>null</c> otherwise.</param>
/// <param name="ErrorIsInput">Whether the failure is bad input (a missing file, an unknown strategy) rather than an infrastructure fault.</param>
[GenerateSerializer]
[Alias("hive.backtest-job-progress")]
public sealed record BacktestJobProgress(BacktestJobState State, long BarsProcessed, long TotalBars, string Silo, string? Error, bool ErrorIsInput = false);
