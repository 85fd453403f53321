namespace Hive.Runtime.Core;

/// <summary>A grain timer: each tick is queued on the activation like a request; the next tick is armed when the previous one ends.</summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private volatile bool _stopped;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        _activation = activation;
        _callback = callback;
        Options = options;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnFire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public GrainTimerCreationOptions Options { get; }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _dueTime = dueTime;
        _period = period;
        if (!_stopped)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Stop()
    {
        _stopped = true;
        _stopping.Cancel();
        _timer.Dispose();
    }

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    internal async Task TickAsync()
    {
        try
        {
            if (!_stopped)
            {
                await _callback(_stopping.Token);
            }
        }
        finally
        {
            if (!_stopped && _period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnFire()
    {
        if (_stopped)
        {
            return;
        }

        if (!_activation.Enqueue(new TimerTickRequest(this)))
        {
            Stop();
        }
    }
}
