using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    public ValueTask Deliver<T>(MarketDelivery<T> delivery)
    {
        if (!TryGetSlot<T>(delivery.HandleId, out var slot, out var missing))
        {
            return missing;
        }

        Task pending;
        try
        {
            pending = slot.OnNextAsync(delivery.Item);
        }
        catch (Exception ex)
        {
            return ObserverFailed(ex, delivery.HandleId);
        }

        return pending.IsCompletedSuccessfully ? default : AwaitObserverAsync(pending, delivery.HandleId);
    }

    public ValueTask DeliverBatch<T>(MarketBatchDelivery<T> delivery)
    {
        if (!TryGetSlot<T>(delivery.HandleId, out var slot, out var missing))
        {
            return missing;
        }

        return Invoke(static (s, d) => ((ObserverSlot<T>)s).OnNextBatchAsync(d.Items, d.Sequence), slot, delivery, delivery.HandleId);
    }

    public ValueTask Complete(Guid handleId) =>
        _slots.TryGetValue(handleId, out var slot)
            ? Invoke(static (s, _) => s.OnCompletedAsync(), slot, 0, handleId)
            : NotDelivered(DeliveryOutcome.UnknownHandle, handleId);

    public ValueTask Fail(Guid handleId, Exception error) =>
        _slots.TryGetValue(handleId, out var slot)
            ? Invoke(static (s, e) => s.OnErrorAsync(e), slot, error, handleId)
            : NotDelivered(DeliveryOutcome.UnknownHandle, handleId);

    public async ValueTask Attach(string providerName, StreamId streamId, Guid handleId)
    {
        if (_slots.ContainsKey(handleId))
        {
            return;
        }

        if (contextAccessor.GrainContext?.GrainInstance is not IStreamSubscriptionObserver grain
            || services.GetKeyedService<IStreamProvider>(providerName) is not MarketStreamProvider provider)
        {
            throw new MarketStreamDeliveryException(DeliveryOutcome.UnknownHandle, handleId);
        }

        try
        {
            await grain.OnSubscribed(new MarketStreamHandleFactory(provider, streamId, handleId));
        }
        catch (Exception ex)
        {
            MarketStreamLog.ResumeThrew(logger, ex, handleId, streamId);
            throw new MarketStreamDeliveryException(DeliveryOutcome.ObserverFailed, handleId);
        }

        if (!_slots.ContainsKey(handleId))
        {
            throw new MarketStreamDeliveryException(DeliveryOutcome.UnknownHandle, handleId);
        }
    }

    private static ValueTask NotDelivered(DeliveryOutcome outcome, Guid handleId) =>
        ValueTask.FromException(new MarketStreamDeliveryException(outcome, handleId));

    private bool TryGetSlot<T>(Guid handleId, out ObserverSlot<T> slot, out ValueTask missing)
    {
        if (!_slots.TryGetValue(handleId, out var found))
        {
            slot = null!;
            missing = NotDelivered(DeliveryOutcome.UnknownHandle, handleId);
            return false;
        }

        if (found is not ObserverSlot<T> typed)
        {
            MarketStreamLog.TypeMismatch(logger, handleId, typeof(T));
            slot = null!;
            missing = NotDelivered(DeliveryOutcome.TypeMismatch, handleId);
            return false;
        }

        slot = typed;
        missing = default;
        return true;
    }

    private ValueTask Invoke<TState>(Func<ObserverSlot, TState, Task> call, ObserverSlot slot, TState state, Guid handleId)
    {
        Task pending;
        try
        {
            pending = call(slot, state);
        }
        catch (Exception ex)
        {
            return ObserverFailed(ex, handleId);
        }

        return pending.IsCompletedSuccessfully ? default : AwaitObserverAsync(pending, handleId);
    }

    private ValueTask ObserverFailed(Exception error, Guid handleId)
    {
        MarketStreamLog.ObserverThrew(logger, error, handleId);
        return NotDelivered(DeliveryOutcome.ObserverFailed, handleId);
    }

    private async ValueTask AwaitObserverAsync(Task pending, Guid handleId)
    {
        try
        {
            await pending;
        }
        catch (Exception ex)
        {
            MarketStreamLog.ObserverThrew(logger, ex, handleId);
            throw new MarketStreamDeliveryException(DeliveryOutcome.ObserverFailed, handleId);
        }
    }
}
