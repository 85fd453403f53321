using System.Collections.Immutable;

namespace Hive.Runtime.Streams;

/// <summary>An <see cref="IStreamPubSubStore"/> in process memory, shared by the silos of one process.</summary>
public sealed class InMemoryStreamPubSubStore : IStreamPubSubStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StreamId, ImmutableArray<StreamSubscription>> _streams = [];

    /// <inheritdoc />
    public Task<StreamSubscription> GetOrAddAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var current = _streams.GetValueOrDefault(streamId, []);
            foreach (var existing in current)
            {
                if (existing.Subscriber == subscriber)
                {
                    return Task.FromResult(existing);
                }
            }

            var created = new StreamSubscription(Guid.NewGuid(), streamId, subscriber);
            _streams[streamId] = current.Add(created);
            return Task.FromResult(created);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StreamSubscription>> GetSubscriptionsAsync(StreamId streamId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return new ValueTask<IReadOnlyList<StreamSubscription>>(_streams.TryGetValue(streamId, out var subscriptions) ? subscriptions : ImmutableArray<StreamSubscription>.Empty);
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(StreamId streamId, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_streams.TryGetValue(streamId, out var current))
            {
                _streams[streamId] = current.RemoveAll(s => s.Id == subscriptionId);
            }
        }

        return Task.CompletedTask;
    }
}
