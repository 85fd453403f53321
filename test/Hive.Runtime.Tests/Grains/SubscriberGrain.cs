using System.Collections.Concurrent;
using Hive.Runtime;
using Hive.Runtime.Hosting;
using Hive.Runtime.Streams;

namespace Hive.Runtime.Tests.Grains;

internal sealed class SubscriberGrain(Silo silo) : Grain, ISubscriberGrain, IAsyncObserver<int>
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> Received = new();

    private readonly HashSet<StreamId> _streams = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Explicit subscriptions outlive activations: resume every stream this grain subscribed to before.
        foreach (var streamId in KnownStreams.GetOrAdd(this.GetPrimaryKeyString(), static _ => []).Keys)
        {
            var stream = this.GetStreamProvider("default").GetStream<int>(streamId);
            foreach (var handle in await stream.GetAllSubscriptionHandles())
            {
                await handle.ResumeAsync(this);
            }
        }
    }

    public static ConcurrentDictionary<string, ConcurrentDictionary<StreamId, bool>> KnownStreams { get; } = new();

    public async Task Subscribe(string streamNamespace, string streamKey)
    {
        var id = new StreamId(streamNamespace, streamKey);
        _streams.Add(id);
        KnownStreams.GetOrAdd(this.GetPrimaryKeyString(), static _ => [])[id] = true;
        await this.GetStreamProvider("default").GetStream<int>(id).SubscribeAsync(this);
    }

    public async Task Unsubscribe(string streamNamespace, string streamKey)
    {
        var stream = this.GetStreamProvider("default").GetStream<int>(new StreamId(streamNamespace, streamKey));
        foreach (var handle in await stream.GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    public async Task<int> HandleCount(string streamNamespace, string streamKey) =>
        (await this.GetStreamProvider("default").GetStream<int>(new StreamId(streamNamespace, streamKey)).GetAllSubscriptionHandles()).Count;

    public Task<string> SiloName() => Task.FromResult(silo.Metadata.Name);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task OnNextAsync(int item)
    {
        Received.GetOrAdd(this.GetPrimaryKeyString(), static _ => new ConcurrentQueue<int>()).Enqueue(item);
        return Task.CompletedTask;
    }
}
