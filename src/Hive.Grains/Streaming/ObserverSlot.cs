using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Hive.Grains.Streaming;

/// <summary>An observer attached to a subscription handle in one activation, whatever its item type.</summary>
internal abstract class ObserverSlot
{
    public abstract Task OnCompletedAsync();

    public abstract Task OnErrorAsync(Exception error);
}

/// <summary>An observer of <typeparamref name="T"/> items, item-by-item or in batches.</summary>
internal abstract class ObserverSlot<T> : ObserverSlot
{
    public static ObserverSlot<T> For(IAsyncObserver<T> observer) => new ItemSlot(observer ?? throw new ArgumentNullException(nameof(observer)));

    public static ObserverSlot<T> For(IAsyncBatchObserver<T> observer) => new BatchSlot(observer ?? throw new ArgumentNullException(nameof(observer)));

    public abstract Task OnNextAsync(T item);

    public abstract Task OnNextBatchAsync(T[] items, long sequence);

    private sealed class ItemSlot(IAsyncObserver<T> observer) : ObserverSlot<T>
    {
        // Item observers get no token: the push provider is not rewindable, and a token per event and subscriber
        // would be an allocation on the hot path.
        public override Task OnNextAsync(T item) => observer.OnNextAsync(item, null);

        public override Task OnNextBatchAsync(T[] items, long sequence)
        {
            for (var i = 0; i < items.Length; i++)
            {
                var pending = observer.OnNextAsync(items[i], null);
                if (!pending.IsCompletedSuccessfully)
                {
                    return AwaitRestAsync(pending, items, i + 1);
                }
            }

            return Task.CompletedTask;
        }

        public override Task OnCompletedAsync() => observer.OnCompletedAsync();

        public override Task OnErrorAsync(Exception error) => observer.OnErrorAsync(error);

        private async Task AwaitRestAsync(Task pending, T[] items, int next)
        {
            await pending;
            for (var i = next; i < items.Length; i++)
            {
                await observer.OnNextAsync(items[i], null);
            }
        }
    }

    private sealed class BatchSlot(IAsyncBatchObserver<T> observer) : ObserverSlot<T>
    {
        // Single events carry no sequence from the hub (it would be one more boxed argument per call); a batch
        // observer numbers them itself. Tokens are informative only: the provider is not rewindable.
        private long _singles;

        public override Task OnNextAsync(T item) =>
            observer.OnNextAsync([new SequentialItem<T>(item, new EventSequenceTokenV2(++_singles))]);

        public override Task OnNextBatchAsync(T[] items, long sequence)
        {
            var list = new SequentialItem<T>[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                list[i] = new SequentialItem<T>(items[i], new EventSequenceTokenV2(sequence, i));
            }

            return observer.OnNextAsync(list);
        }

        public override Task OnCompletedAsync() => observer.OnCompletedAsync();

        public override Task OnErrorAsync(Exception error) => observer.OnErrorAsync(error);
    }
}
