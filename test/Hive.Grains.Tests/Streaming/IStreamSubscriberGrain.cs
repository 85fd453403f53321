using Orleans.Runtime;

namespace Hive.Grains.Tests.Streaming;

/// <summary>A test grain that subscribes to, and publishes on, streams of <see cref="TestTick"/>.</summary>
[Alias("hive.tests.streams.IStreamSubscriberGrain")]
public interface IStreamSubscriberGrain : IGrainWithStringKey
{
    [Alias("subscribe")]
    Task<Guid> Subscribe(string provider, string symbol);

    [Alias("subscribe-batch")]
    Task<Guid> SubscribeBatch(string provider, string symbol);

    [Alias("handles")]
    Task<Guid[]> GetHandles(string provider, string symbol);

    [Alias("unsubscribe")]
    Task Unsubscribe(string provider, string symbol);

    [Alias("publish")]
    Task Publish(string provider, string symbol, int sequence);

    [Alias("deactivate")]
    Task Deactivate();

    [Alias("silo")]
    Task<SiloAddress> GetSilo();
}
