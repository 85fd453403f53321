using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IContextGrain : IGrainWithStringKey
{
    Task<string?> Read(string key);

    Task<string?> ReadThrough(string downstreamKey, string downstreamSilo, string key);

    Task<string> SiloName();

    Task<int> Fail(int value);
}
