using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

public interface IBacktestGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
