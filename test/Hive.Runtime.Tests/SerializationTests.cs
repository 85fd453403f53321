using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hive.Runtime.Invocation;
using Hive.Runtime.Placement;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SerializationTests(ClusterFixture fixture)
{
    private static readonly QuoteSnapshot Quote = new("BTCUSDT", 64000.5m, 64001.25m, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), QuoteSide.Ask, [1, 2, 3]);

    [Fact]
    public void GeneratedMetadata_GrainMethodTypes_RoundTripWithoutReflection()
    {
        var sut = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. GrainTypeRegistry.JsonResolvers]),
        };
        var stats = new QuoteStats
        {
            Count = 2,
            LastBySymbol = { ["BTCUSDT"] = 1.5m },
            Recent = [Quote],
            Symbols = ["BTCUSDT", "ETHUSDT"],
            Counts = new Dictionary<string, int> { ["BTCUSDT"] = 3 },
        };

        var json = JsonSerializer.Serialize(stats, sut.GetTypeInfo(typeof(QuoteStats)));
        var back = (QuoteStats)JsonSerializer.Deserialize(json, sut.GetTypeInfo(typeof(QuoteStats)))!;

        Assert.Contains("\"lastBySymbol\":{\"BTCUSDT\":1.5}", json, StringComparison.Ordinal);
        Assert.Equal(2, back.Count);
        Assert.Equal(1.5m, back.LastBySymbol["BTCUSDT"]);
        Assert.Equal(Quote with { Levels = back.Recent[0].Levels }, back.Recent[0]);
        Assert.Equal([1, 2, 3], back.Recent[0].Levels);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], back.Symbols);
        Assert.Equal(3, back.Counts["BTCUSDT"]);
    }

    [Fact]
    public async Task Call_CrossSiloWithRecordArguments_RoundTrips()
    {
        PlacementHint.Set(fixture.Cluster.Silos[2].Address);
        var sut = fixture.Cluster.Silos[0].GrainFactory.GetGrain<IQuoteGrain>("quotes-" + Guid.NewGuid());

        await sut.Record(Quote, null).Within();
        var stats = await sut.Record(Quote with { Bid = 1m }, 5).Within();

        Assert.Equal(6, stats.Count);
        Assert.Equal(1m, stats.LastBySymbol["BTCUSDT"]);
        Assert.Equal(2, stats.Recent.Length);
        Assert.Equal(QuoteSide.Ask, stats.Recent[1].Side);
        Assert.NotNull(fixture.Cluster.FindHost(sut.GetGrainId()));
        Assert.False(fixture.Cluster.Silos[0].HostsGrain(sut.GetGrainId()));
    }
}
