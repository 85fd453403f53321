using System.Threading.Channels;

namespace Hive.Dashboard.Live;

/// <summary>One client of a live view: the latest message not yet sent (a slow client skips to the newest). Dispose to leave.</summary>
internal sealed class LiveSubscription(LiveHub hub, LiveTopic topic) : IDisposable
{
    private readonly Channel<string> _messages = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
    private int _disposed;

    internal LiveTopic Topic { get; } = topic;

    public ChannelReader<string> Messages => _messages.Reader;

    internal void Offer(string message) => _messages.Writer.TryWrite(message);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _messages.Writer.TryComplete();
            hub.Leave(this);
        }
    }
}
