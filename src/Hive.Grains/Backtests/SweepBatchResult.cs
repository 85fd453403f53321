using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>The points of a <see cref="SweepBatchRequest"/>, run.</summary>
/// <param name="Points">One outcome per requested point, in request order.</param>
/// <param name="Silo">The data silo that ran them.</param>
/// <param name="InSampleBars">Bars of each in-sample run.</param>
/// <param name="OutOfSampleBars">Bars of each out-of-sample run (0 when not split).</param>
[GenerateSerializer]
[Alias("hive.sweep-batch-result")]
public sealed record SweepBatchResult(IReadOnlyList<SweepPointOutcome> Points, string Silo, long InSampleBars, long OutOfSampleBars);
