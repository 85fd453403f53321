namespace Hive.Benchmarks.Streams;

/// <summary>A benchmark grain: subscriber (records receipts) and producer (runs the measured loops) in one type.</summary>
[Alias("hive.bench.streams.IStreamBenchGrain")]
public interface IStreamBenchGrain : IGrainWithIntegerKey
{
    [Alias("subscribe")]
    Task Subscribe(string provider, string symbol);

    /// <summary>The direct-call baseline: what one awaited grain call with the event costs.</summary>
    [Alias("ping")]
    Task Ping(BenchTick tick);

    /// <summary>
    /// Publishes events one at a time, each after the previous reached every subscriber and a random pause in
    /// [0, <paramref name="maxPause"/>) (so that events of a polling provider arrive at random points of its period).
    /// </summary>
    [Alias("closed-loop")]
    Task PublishClosedLoop(string provider, string symbol, int events, int subscribers, TimeSpan maxPause);

    /// <summary>Publishes events as fast as the provider takes them; completes when all deliveries arrived.</summary>
    [Alias("open-loop")]
    Task PublishOpenLoop(string provider, string symbol, int events, int subscribers);

    /// <summary>The baseline: the same fan-out written by hand as parallel awaited calls to the subscriber grains.</summary>
    [Alias("direct-fan-out")]
    Task DirectFanOut(long firstSubscriber, int subscribers, int events);
}
