using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

public interface IReentrantTurnGrain : IGrainWithStringKey
{
    Task Enter(string gate);
}
