using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IProfileGrain : IGrainWithStringKey
{
    Task SetName(string name);

    Task<string?> GetName();

    Task<string> SiloName();
}
