using Orleans.Runtime;
using Orleans.Streams;

namespace Hive.Grains.Streaming;

/// <summary>
/// The "market" push stream provider: streams are fronted by <see cref="IMarketStreamHubGrain{T}"/> hubs, and
/// subscribers are grains reached through <see cref="IMarketStreamConsumerExtension"/>. Registered as a keyed
/// <see cref="IStreamProvider"/> under its name, which is how Orleans' <c>GetStreamProvider(name)</c> finds it.
/// </summary>
internal sealed class MarketStreamProvider(string name, IGrainFactory grainFactory, IGrainContextAccessor? contextAccessor) : IStreamProvider
{
    public string Name => name;

    public bool IsRewindable => false;

    public IAsyncStream<T> GetStream<T>(StreamId streamId) =>
        new MarketStream<T>(this, streamId, grainFactory.GetGrain<IMarketStreamHubGrain<T>>(MarketStreamKey.Format(name, streamId)));

    internal static void RejectToken(StreamSequenceToken? token, string providerName)
    {
        if (token is not null)
        {
            throw new NotSupportedException($"Stream provider '{providerName}' is not rewindable: subscribe or resume without a sequence token.");
        }
    }

    internal async Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(MarketStream<T> stream, ObserverSlot<T> slot)
    {
        var context = RequireGrainContext("SubscribeAsync");
        var extension = ExtensionOf(context);
        var handleId = await stream.Hub.Subscribe(context.GrainId);
        extension.AttachObserver(handleId, slot);
        return new MarketStreamSubscriptionHandle<T>(this, stream.StreamId, handleId);
    }

    internal async Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandlesAsync<T>(MarketStream<T> stream)
    {
        var context = RequireGrainContext("GetAllSubscriptionHandles");
        var handleIds = await stream.Hub.GetHandles(context.GrainId);
        var handles = new List<StreamSubscriptionHandle<T>>(handleIds.Length);
        foreach (var handleId in handleIds)
        {
            handles.Add(new MarketStreamSubscriptionHandle<T>(this, stream.StreamId, handleId));
        }

        return handles;
    }

    internal void Resume(Guid handleId, ObserverSlot slot) => ExtensionOf(RequireGrainContext("ResumeAsync")).AttachObserver(handleId, slot);

    internal async Task UnsubscribeAsync<T>(StreamId streamId, Guid handleId)
    {
        // Unsubscribing is allowed from anywhere (a grain, a client, a tool); only the owning grain holds an observer.
        var context = contextAccessor?.GrainContext;
        await grainFactory.GetGrain<IMarketStreamHubGrain<T>>(MarketStreamKey.Format(name, streamId)).Unsubscribe(handleId);
        if (context?.GrainInstance is IGrainBase)
        {
            ExtensionOf(context).DetachObserver(handleId);
        }
    }

    private static MarketStreamConsumerExtension ExtensionOf(IGrainContext context) =>
        (MarketStreamConsumerExtension)context.GetGrainExtension<IMarketStreamConsumerExtension>();

    private IGrainContext RequireGrainContext(string operation)
    {
        var context = contextAccessor?.GrainContext;
        if (context?.GrainInstance is not IGrainBase)
        {
            throw new NotSupportedException(
                $"{operation} on stream provider '{name}' must run inside a grain: the push provider delivers to grains only, not to clients.");
        }

        return context;
    }
}
