using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface ILiveGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}

internal interface IGpuGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
