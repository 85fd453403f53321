using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Hive.Grains.Diagnostics;

/// <inheritdoc cref="ILatencyProbeGrain"/>
[PreferLocalPlacement]
internal sealed class LatencyProbeGrain(ILocalSiloDetails silo, TimeProvider time) : Grain, ILatencyProbeGrain
{
    public async Task<LatencySample> MeasureAsync(bool remote, int calls, int warmup)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(calls);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        var key = this.GetPrimaryKeyString();
        var echo = remote
            ? GrainFactory.GetGrain<IEchoGrain>(key, grainClassNamePrefix: typeof(DataEchoGrain).FullName)
            : GrainFactory.GetGrain<IEchoGrain>(key, grainClassNamePrefix: typeof(LocalEchoGrain).FullName);
        var to = string.Empty;
        for (var i = 0; i < warmup; i++)
        {
            to = await echo.EchoAsync();
        }

        var ticks = new long[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = time.GetTimestamp();
            to = await echo.EchoAsync();
            ticks[i] = time.GetElapsedTime(start).Ticks;
        }

        return new LatencySample(silo.Name, to, ticks);
    }
}
