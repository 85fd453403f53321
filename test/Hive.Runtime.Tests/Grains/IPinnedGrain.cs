using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

public interface IKeepAliveGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

public interface IDelayingGrain : IGrainWithGuidKey
{
    Task<Guid> Delay(TimeSpan span);
}
