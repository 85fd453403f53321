using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IBacktestGrain : IGrainWithStringKey
{
    Task<string> SiloName();
}
