using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal sealed class TurnGrain : Grain, ITurnGrain
{
    private int _inFlight;
    private int _max;
    private string _last = "";

    public async Task<int> Work(int yields)
    {
        _max = Math.Max(_max, ++_inFlight);
        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        _inFlight--;
        return _max;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_max);

    public async Task Enter(string gate)
    {
        _last = gate;
        Gates.Entered.Enqueue(gate);
        await Gates.Wait(gate);
    }

    public Task<string> Peek() => Task.FromResult("peek while " + _last);

    public async Task Fire(string gate)
    {
        await Gates.Wait(gate);
        Gates.Entered.Enqueue("fired " + gate);
        throw new InvalidOperationException("one-way failures never reach the caller");
    }

    public Task Hang() => Gates.Wait("never-" + this.GetPrimaryKeyString());
}
