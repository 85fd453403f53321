using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IPreferLocalGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
