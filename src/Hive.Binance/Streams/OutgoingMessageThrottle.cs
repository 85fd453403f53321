namespace Hive.Binance.Streams;

/// <summary>
/// Keeps a connection under Binance's limit of outgoing messages per second: it remembers when the last N messages
/// went out and makes the next one wait until the oldest of them is a second old.
/// </summary>
internal sealed class OutgoingMessageThrottle
{
    private readonly long[] _sent;
    private readonly TimeProvider _time;
    private int _next;
    private int _count;

    public OutgoingMessageThrottle(int messagesPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerSecond, 1);
        _sent = new long[messagesPerSecond];
        _time = time;
    }

    /// <summary>How long a message sent at <paramref name="nowMs"/> must wait; zero when it may go at once.</summary>
    public TimeSpan DelayFor(long nowMs)
    {
        if (_count < _sent.Length)
        {
            return TimeSpan.Zero;
        }

        var oldest = _sent[_next];
        var wait = oldest + 1000 - nowMs;
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : TimeSpan.Zero;
    }

    /// <summary>Records a message sent at <paramref name="nowMs"/>.</summary>
    public void Record(long nowMs)
    {
        _sent[_next] = nowMs;
        _next = (_next + 1) % _sent.Length;
        _count = Math.Min(_count + 1, _sent.Length);
    }

    /// <summary>Waits until a message may be sent, then records it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = DelayFor(NowMs());
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        Record(NowMs());
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
