using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

/// <summary>A grain interface no class implements.</summary>
internal interface IOrphanGrain : IGrainWithStringKey
{
    Task Ping();
}
