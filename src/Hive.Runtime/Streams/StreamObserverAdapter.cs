using System.Text.Json;

namespace Hive.Runtime.Streams;

/// <summary>Binds a typed observer to a subscription in one activation; turns local or serialized batches into calls.</summary>
internal sealed class StreamObserverAdapter<T>(IAsyncObserver<T> observer) : IStreamObserverAdapter
{
    public Task DeliverAsync(object? items, StreamId streamId, JsonSerializerOptions options)
    {
        var list = items switch
        {
            IReadOnlyList<T> local => local,
            RemoteBatch remote => remote.Get<T>(streamId, options),
            _ => throw new InvalidOperationException($"Stream events of type {items?.GetType().Name ?? "null"} do not match the observer's type {typeof(T).Name}."),
        };

        // Synchronous observers complete without an async state machine.
        for (var i = 0; i < list.Count; i++)
        {
            var pending = observer.OnNextAsync(list[i]);
            if (!pending.IsCompletedSuccessfully)
            {
                return DeliverRestAsync(pending, list, i + 1);
            }
        }

        return Task.CompletedTask;
    }

    private async Task DeliverRestAsync(Task pending, IReadOnlyList<T> list, int next)
    {
        await pending;
        for (var i = next; i < list.Count; i++)
        {
            await observer.OnNextAsync(list[i]);
        }
    }
}
