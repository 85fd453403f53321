using Orleans;

namespace Hive.Grains.Diagnostics;

/// <summary>
/// Measures grain-call latency inside the cluster (key: any name): from the silo the probe activates on (the silo whose
/// gateway the caller reached) to an echo grain on the same silo, and to one on a <c>data</c> silo. Each call is timed
/// inside the probe, so the caller's own hop is not counted. Used by the cluster benchmark and to check a deployment.
/// </summary>
[Alias("hive.latency-probe")]
public interface ILatencyProbeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes <paramref name="calls"/> awaited calls, one after the other, to an echo grain on this silo
    /// (<paramref name="remote"/> false) or on a data silo (<paramref name="remote"/> true), after
    /// <paramref name="warmup"/> untimed ones, and returns each call's duration in <see cref="TimeSpan"/> ticks together
    /// with the names of the two silos.
    /// </summary>
    [Alias("MeasureAsync")]
    Task<LatencySample> MeasureAsync(bool remote, int calls, int warmup);
}
