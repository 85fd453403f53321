using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IKeepAliveGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}
