using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Hive.Runtime.Cluster;

/// <summary>
/// An <see cref="IMessageTransport"/> between silos of one process. Messages arrive in the order they were sent per
/// receiving silo (like one connection per silo pair), on a thread-pool thread, never on the sender's stack.
/// </summary>
public sealed class InMemoryTransportHub : IMessageTransport
{
    private readonly ConcurrentDictionary<SiloAddress, Channel<byte[]>> _inboxes = new();

    /// <summary>Number of messages sent so far (for tests and benchmarks).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Number of messages whose receiver threw (receivers are expected to handle their own errors).</summary>
    public long ReceiveFailures => Interlocked.Read(ref _receiveFailures);

    private long _messagesSent;
    private long _receiveFailures;

    /// <inheritdoc />
    public void Listen(SiloAddress self, IMessageReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(receiver);
        var inbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        if (!_inboxes.TryAdd(self, inbox))
        {
            throw new InvalidOperationException($"Silo {self} already listens on the in-memory transport.");
        }

        _ = Task.Run(async () =>
        {
            await foreach (var message in inbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    receiver.OnMessage(message);
                }
                catch (Exception)
                {
                    // Receivers log their own failures; one bad message must not stop this silo's inbox
                    // (nor, on a thread-pool thread, end the process).
                    Interlocked.Increment(ref _receiveFailures);
                }
            }
        });
    }

    /// <inheritdoc />
    public void Disconnect(SiloAddress self)
    {
        if (_inboxes.TryRemove(self, out var inbox))
        {
            inbox.Writer.TryComplete();
        }
    }

    /// <inheritdoc />
    public void Send(SiloAddress target, byte[] message)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_inboxes.TryGetValue(target, out var inbox) || !inbox.Writer.TryWrite(message))
        {
            throw new SiloUnavailableException($"Silo {target} is not reachable on the in-memory transport.");
        }

        Interlocked.Increment(ref _messagesSent);
    }
}
