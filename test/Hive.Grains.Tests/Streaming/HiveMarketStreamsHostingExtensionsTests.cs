using Hive.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Hive.Grains.Tests.Streaming;

public sealed class HiveMarketStreamsHostingExtensionsTests
{
    [Fact]
    public void AddHiveMarketStreams_UnknownProviderKind_ThrowsNamingTheSettingAndValue()
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Configuration.AddInMemoryCollection([new(HiveMarketStreamOptions.ProviderConfigurationKey, "kafka")]);

        var error = Assert.Throws<ArgumentException>(() => host.UseOrleans(sut => sut.AddHiveMarketStreams()));

        Assert.Contains("Hive:Streams:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("'kafka'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHiveMarketStreams_ZeroDeliveryAttempts_ThrowsNamingTheOption()
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<ArgumentException>(() => host.UseOrleans(sut => sut.AddHiveMarketStreams("ticks", o => o.MaxDeliveryAttempts = 0)));

        Assert.Contains("'ticks'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HiveMarketStreamOptions.MaxDeliveryAttempts), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHiveMarketStreams_NameWithSlash_Throws()
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<ArgumentException>(() => host.UseOrleans(sut => sut.AddHiveMarketStreams("a/b")));

        Assert.Contains("'a/b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("market", "market", "BTCUSDT")]
    [InlineData("ticks", null, "ETH/USDT")]
    public void MarketStreamKey_FormatThenParse_RoundTrips(string provider, string? ns, string key)
    {
        var streamId = Orleans.Runtime.StreamId.Create(ns, key);

        var (parsedProvider, parsedStream) = MarketStreamKey.Parse(MarketStreamKey.Format(provider, streamId));

        Assert.Equal(provider, parsedProvider);
        Assert.Equal(streamId, parsedStream);
    }
}
