using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

public interface ILiveGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}

public interface IGpuGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
