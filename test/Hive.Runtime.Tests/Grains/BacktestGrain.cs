using Hive.Runtime;
using Hive.Runtime.Hosting;

namespace Hive.Runtime.Tests.Grains;

[DataPlacement]
internal sealed class BacktestGrain(Silo silo) : Grain, IBacktestGrain
{
    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);
}
