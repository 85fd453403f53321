using Hive.Grains.Placement;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Diagnostics;

/// <summary>The echo on a data silo: a call to it from a live or control silo crosses the network.</summary>
[DataPlacement]
[GrainType("hive-echo-data")]
internal sealed class DataEchoGrain(ILocalSiloDetails silo) : Grain, IEchoGrain
{
    public ValueTask<string> EchoAsync() => ValueTask.FromResult(silo.Name);
}
