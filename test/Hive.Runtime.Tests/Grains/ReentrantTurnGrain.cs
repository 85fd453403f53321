using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

[Reentrant]
internal sealed class ReentrantTurnGrain : Grain, IReentrantTurnGrain
{
    public async Task Enter(string gate)
    {
        Gates.Entered.Enqueue(gate);
        await Gates.Wait(gate);
    }
}
