using Orleans;

namespace Hive.Grains.Diagnostics;

/// <summary>Durations of grain calls measured by <see cref="ILatencyProbeGrain"/>.</summary>
/// <param name="FromSilo">The silo the calls were made from.</param>
/// <param name="ToSilo">The silo that answered them.</param>
/// <param name="Ticks">Each call's duration in <see cref="TimeSpan"/> ticks, in call order.</param>
[GenerateSerializer]
[Alias("hive.latency-sample")]
public sealed record LatencySample([property: Id(0)] string FromSilo, [property: Id(1)] string ToSilo, [property: Id(2)] long[] Ticks);
