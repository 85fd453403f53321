using System.Diagnostics;
using Hive.Grains.Feeds;
using Hive.Trading.Market;
using Orleans;

namespace Hive.Benchmarks.Platform;

[Alias("hive.bench.feed")]
public interface IBenchFeedGrain : IGrainWithStringKey
{
    /// <summary>Publishes each candle on <c>market/SYMBOL</c> and returns how long each publication took, in Stopwatch ticks.</summary>
    [Alias("Publish")]
    Task<long[]> PublishAsync(Candle[] candles);
}

/// <summary>
/// Publishes as Hive's market feed grain does (a grain of the silo, key = symbol), timing each publication from inside the
/// grain: what the benchmark's caller adds to reach the grain is not part of the tick.
/// </summary>
internal sealed class BenchFeedGrain : Grain, IBenchFeedGrain
{
    public async Task<long[]> PublishAsync(Candle[] candles)
    {
        var stream = this.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(this.GetPrimaryKeyString()));
        var latencies = new long[candles.Length];
        for (var i = 0; i < candles.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await stream.OnNextAsync(MarketEvent.FromCandle(candles[i]));
            latencies[i] = Stopwatch.GetTimestamp() - start;
        }

        return latencies;
    }
}
