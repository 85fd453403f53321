using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

[KeepAlive]
internal sealed class KeepAliveGrain : Grain, IKeepAliveGrain
{
    public Task<long> Key() => Task.FromResult(this.GetPrimaryKeyLong());
}
