using Hive.Runtime;
using Hive.Runtime.Hosting;

namespace Hive.Runtime.Tests.Grains;

[LivePlacement]
internal sealed class LiveGrain(Silo silo) : Grain, ILiveGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);
}

[GpuPlacement]
internal sealed class GpuGrain(Silo silo) : Grain, IGpuGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);
}
