using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal interface IReentrantTurnGrain : IGrainWithStringKey
{
    Task Enter(string gate);
}
