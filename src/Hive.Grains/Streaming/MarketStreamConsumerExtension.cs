using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Hive.Grains.Streaming;

/// <summary>
/// The per-activation end of the "market" streams: it maps subscription handles to this activation's observers and
/// runs deliveries on the activation (so they follow the grain's own concurrency rules). A new activation knows no
/// observer; <see cref="Attach"/> asks the grain to resume its handles through <see cref="IStreamSubscriptionObserver"/>.
/// </summary>
internal sealed class MarketStreamConsumerExtension(
    IGrainContextAccessor contextAccessor,
    IServiceProvider services,
    ILogger<MarketStreamConsumerExtension> logger) : IMarketStreamConsumerExtension
{
    private readonly Dictionary<Guid, ObserverSlot> _slots = [];

    /// <summary>Attaches (or replaces) the observer of <paramref name="handleId"/> in this activation.</summary>
    public void AttachObserver(Guid handleId, ObserverSlot slot) => _slots[handleId] = slot;

    /// <summary>Forgets the observer of <paramref name="handleId"/>.</summary>
    public void DetachObserver(Guid handleId) => _slots.Remove(handleId);

    public ValueTask<DeliveryOutcome> Deliver<T>(Guid handleId, Immutable<T> item, long sequence)
    {
        if (!_slots.TryGetValue(handleId, out var slot))
        {
            return new(DeliveryOutcome.UnknownHandle);
        }

        if (slot is not ObserverSlot<T> typed)
        {
            MarketStreamLog.TypeMismatch(logger, handleId, typeof(T));
            return new(DeliveryOutcome.TypeMismatch);
        }

        Task pending;
        try
        {
            pending = typed.OnNextAsync(item.Value, sequence);
        }
        catch (Exception ex)
        {
            MarketStreamLog.ObserverThrew(logger, ex, handleId);
            return new(DeliveryOutcome.ObserverFailed);
        }

        return pending.IsCompletedSuccessfully ? new(DeliveryOutcome.Delivered) : AwaitObserverAsync(pending, handleId);
    }

    public ValueTask<DeliveryOutcome> DeliverBatch<T>(Guid handleId, Immutable<T[]> items, long sequence)
    {
        if (!_slots.TryGetValue(handleId, out var slot))
        {
            return new(DeliveryOutcome.UnknownHandle);
        }

        if (slot is not ObserverSlot<T> typed)
        {
            MarketStreamLog.TypeMismatch(logger, handleId, typeof(T));
            return new(DeliveryOutcome.TypeMismatch);
        }

        return Invoke(static (s, state) => ((ObserverSlot<T>)s).OnNextBatchAsync(state.Items, state.Sequence), typed, (Items: items.Value, Sequence: sequence), handleId);
    }

    public ValueTask<DeliveryOutcome> Complete(Guid handleId) =>
        _slots.TryGetValue(handleId, out var slot)
            ? Invoke(static (s, _) => s.OnCompletedAsync(), slot, 0, handleId)
            : new(DeliveryOutcome.UnknownHandle);

    public ValueTask<DeliveryOutcome> Fail(Guid handleId, Exception error) =>
        _slots.TryGetValue(handleId, out var slot)
            ? Invoke(static (s, e) => s.OnErrorAsync(e), slot, error, handleId)
            : new(DeliveryOutcome.UnknownHandle);

    public async ValueTask<DeliveryOutcome> Attach(string providerName, StreamId streamId, Guid handleId)
    {
        if (_slots.ContainsKey(handleId))
        {
            return DeliveryOutcome.Delivered;
        }

        if (contextAccessor.GrainContext?.GrainInstance is not IStreamSubscriptionObserver grain
            || services.GetKeyedService<IStreamProvider>(providerName) is not MarketStreamProvider provider)
        {
            return DeliveryOutcome.UnknownHandle;
        }

        try
        {
            await grain.OnSubscribed(new MarketStreamHandleFactory(provider, streamId, handleId));
        }
        catch (Exception ex)
        {
            MarketStreamLog.ResumeThrew(logger, ex, handleId, streamId);
            return DeliveryOutcome.ObserverFailed;
        }

        return _slots.ContainsKey(handleId) ? DeliveryOutcome.Delivered : DeliveryOutcome.UnknownHandle;
    }

    private ValueTask<DeliveryOutcome> Invoke<TState>(Func<ObserverSlot, TState, Task> call, ObserverSlot slot, TState state, Guid handleId)
    {
        Task pending;
        try
        {
            pending = call(slot, state);
        }
        catch (Exception ex)
        {
            MarketStreamLog.ObserverThrew(logger, ex, handleId);
            return new(DeliveryOutcome.ObserverFailed);
        }

        return pending.IsCompletedSuccessfully ? new(DeliveryOutcome.Delivered) : AwaitObserverAsync(pending, handleId);
    }

    private async ValueTask<DeliveryOutcome> AwaitObserverAsync(Task pending, Guid handleId)
    {
        try
        {
            await pending;
            return DeliveryOutcome.Delivered;
        }
        catch (Exception ex)
        {
            MarketStreamLog.ObserverThrew(logger, ex, handleId);
            return DeliveryOutcome.ObserverFailed;
        }
    }
}
