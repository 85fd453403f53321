using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

public interface IPreferLocalGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
