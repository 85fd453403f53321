using Orleans;

namespace Hive.Grains.Backtests;

/// <summary>One sweep point to run.</summary>
/// <param name="Index">The point's number in the sweep.</param>
/// <param name="Values">One value per swept parameter, in the order of <see cref="SweepBatchRequest.Parameters"/>.</param>
[GenerateSerializer]
[Alias("hive.sweep-point-request")]
public sealed record SweepPointRequest(int Index, IReadOnlyList<string> Values);
