using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Hive.Grains.Diagnostics;

/// <summary>The echo beside the probe: placed on the silo of its first caller.</summary>
[PreferLocalPlacement]
[GrainType("hive-echo-local")]
internal sealed class LocalEchoGrain(ILocalSiloDetails silo) : Grain, IEchoGrain
{
    public ValueTask<string> EchoAsync() => ValueTask.FromResult(silo.Name);
}
