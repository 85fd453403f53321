using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IDelayingGrain : IGrainWithGuidKey
{
    Task<Guid> Delay(TimeSpan span);
}
