using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

[KeepAlive]
internal sealed class KeepAliveGrain : Grain, IKeepAliveGrain
{
    public Task<long> Key() => Task.FromResult(this.GetPrimaryKeyLong());
}

internal sealed class DelayingGrain : Grain, IDelayingGrain
{
    public Task<Guid> Delay(TimeSpan span)
    {
        DelayDeactivation(span);
        return Task.FromResult(this.GetPrimaryKey());
    }
}
