using Hive.Runtime;
using Hive.Runtime.Hosting;
using Hive.Runtime.Placement;

namespace Hive.Runtime.Tests.Grains;

[PreferLocalPlacement]
internal sealed class PreferLocalGrain(Silo silo) : Grain, IPreferLocalGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);
}
