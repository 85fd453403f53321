using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal sealed class DelayingGrain : Grain, IDelayingGrain
{
    public Task<Guid> Delay(TimeSpan span)
    {
        DelayDeactivation(span);
        return Task.FromResult(this.GetPrimaryKey());
    }
}
