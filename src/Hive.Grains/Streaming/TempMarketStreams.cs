using Orleans.Hosting;

namespace Hive.Grains.Streaming;

// TEMPORARY until the push provider lands: memory streams under the "market" name.
public sealed class MarketStreamOptions
{
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(1);
}

public static class TempMarketStreamsExtensions
{
    public static ISiloBuilder AddHiveMarketStreams(this ISiloBuilder builder, string name, Action<MarketStreamOptions>? configure)
    {
        var options = new MarketStreamOptions();
        configure?.Invoke(options);
        builder.AddMemoryStreams(name, c => c.ConfigurePullingAgent(ob => ob.Configure(o => o.GetQueueMsgsTimerPeriod = options.PollPeriod)));
        builder.AddMemoryGrainStorage("PubSubStore");
        return builder;
    }
}

public static class TempMarketStreamsClientExtensions
{
    public static IClientBuilder AddHiveMarketStreams(this IClientBuilder builder, string name, Action<MarketStreamOptions>? configure)
    {
        builder.AddMemoryStreams(name);
        return builder;
    }
}
