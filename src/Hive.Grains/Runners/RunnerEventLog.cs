namespace Hive.Grains.Runners;

/// <summary>
/// A runner activation's recent events for watchers: a bounded ring (the oldest are dropped, which watchers see as a
/// sequence gap) and a signal that wakes the long polls of <see cref="IRunnerGrain.WatchAsync"/>. Used only on the
/// activation's scheduler, so it needs no locking.
/// </summary>
internal sealed class RunnerEventLog(int capacity)
{
    private readonly RunnerEvent[] _ring = new RunnerEvent[capacity];
    private TaskCompletionSource? _changed;
    private int _count;

    /// <summary>The sequence of the newest event (0 before the first).</summary>
    public long LastSequence { get; private set; }

    public void Add(long time, long marketTime, RunnerEventKind kind, string message, Hive.Trading.Runners.RunnerState state, RunnerHealth health, double price)
    {
        var sequence = ++LastSequence;
        _ring[(int)(sequence % _ring.Length)] = new RunnerEvent(sequence, time, marketTime, kind, message, state, health, price);
        if (_count < _ring.Length)
        {
            _count++;
        }

        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }

    /// <summary>Up to <paramref name="max"/> events after <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<RunnerEvent> After(long after, int max)
    {
        var first = Math.Max(after + 1, LastSequence - _count + 1);
        var last = Math.Min(LastSequence, first + max - 1);
        if (last < first)
        {
            return [];
        }

        var result = new RunnerEvent[last - first + 1];
        for (var s = first; s <= last; s++)
        {
            result[s - first] = _ring[(int)(s % _ring.Length)];
        }

        return result;
    }

    /// <summary>Completes when the next event is added.</summary>
    public Task Changed() => (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
