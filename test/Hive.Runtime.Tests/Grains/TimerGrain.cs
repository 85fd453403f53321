using System.Collections.Concurrent;
using Hive.Runtime;

namespace Hive.Runtime.Tests.Grains;

internal sealed class TimerGrain : Grain, ITimerGrain
{
    public static readonly ConcurrentDictionary<string, TimerLog> Logs = new();

    private bool _inRequest;
    private bool _inTick;

    private TimerLog Log => Logs.GetOrAdd(this.GetPrimaryKeyString(), static _ => new TimerLog());

    public Task Start(TimeSpan period, bool blockFirstTick)
    {
        RegisterGrainTimer(async _ =>
        {
            var log = Log;
            if (_inTick || _inRequest)
            {
                Interlocked.Increment(ref log.Overlaps);
            }

            _inTick = true;
            var n = Interlocked.Increment(ref log.Ticks);
            if (blockFirstTick && n == 1)
            {
                await Gates.Wait("tick-" + this.GetPrimaryKeyString());
            }

            _inTick = false;
            Interlocked.Increment(ref log.Completed);
        }, period, period);
        return Task.CompletedTask;
    }

    public async Task Enter(string gate)
    {
        _inRequest = true;
        if (_inTick)
        {
            Interlocked.Increment(ref Log.Overlaps);
        }

        Gates.Entered.Enqueue(gate);
        await Gates.Wait(gate);
        _inRequest = false;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

internal sealed class TimerLog
{
    public int Ticks;
    public int Overlaps;
    public int Completed;
}
