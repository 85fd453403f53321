using Hive.Runtime;
using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Tests.Grains;

internal sealed class ContextGrain(Silo silo) : Grain, IContextGrain
{
    public Task<string?> Read(string key) => Task.FromResult(RequestContext.Get(key));

    public async Task<string?> ReadThrough(string downstreamKey, string downstreamSilo, string key)
    {
        PlacementHint.Set(SiloAddress.Parse(downstreamSilo));
        var downstream = GrainFactory.GetGrain<IContextGrain>(downstreamKey);
        var where = await downstream.SiloName();
        var value = await downstream.Read(key);
        return where + ":" + value;
    }

    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);

    public Task<int> Fail(int value) => throw new ArgumentException($"bad value {value}");
}
