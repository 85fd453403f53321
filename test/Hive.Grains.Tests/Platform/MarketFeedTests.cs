using System.Globalization;
using System.Text;
using Hive.Grains.Feeds;
using Hive.Trading.Market;

namespace Hive.Grains.Tests.Platform;

[Collection(PlatformClusterCollection.Name)]
public sealed class MarketFeedTests(PlatformClusterFixture fixture)
{
    private readonly PlatformCluster _platform = fixture.Platform;
    private readonly Scripts _scripts = fixture.Scripts;

    [Fact]
    public async Task StartAsync_ReplayAsFastAsPossible_RunnersReceiveEveryCandleInOrder()
    {
        var candles = PlatformCluster.Candles("GRTUSDT", 700, seed: 11);
        var path = WriteKlines("GRTUSDT-1m-2026-01.csv", candles);
        await _platform.Registry.AddRunnerAsync(Definitions.Runner("grt_a", "GRTUSDT", _scripts.Cycle, "hold=2"));
        await _platform.Registry.AddRunnerAsync(Definitions.Runner("grt_b", "GRTUSDT", "ema-cross", "fast=3,slow=8"));
        var sut = _platform.Grains.GetGrain<IMarketFeedGrain>("GRTUSDT");

        var started = await sut.StartAsync(new FeedDefinition("GRTUSDT", FeedSourceKind.Replay, path, Speed: 0));
        await Wait.UntilAsync(async () => !(await sut.GetStatusAsync()).Running, "the replay ended");
        var status = await sut.GetStatusAsync();

        Assert.Equal("GRTUSDT", started.Symbol);
        Assert.Null(status.Error);
        Assert.Equal(700, status.EventsPublished);
        Assert.Equal(candles[^1].CloseTime, status.LastEventTime);
        foreach (var id in new[] { "grt_a", "grt_b" })
        {
            var runner = await _platform.Registry.GetRunnerAsync(id);
            Assert.Equal(700, runner.BarsProcessed);
            Assert.Equal(candles[^1].CloseTime, runner.LastEventTime);
        }

        Assert.Equal(175, (await _platform.Registry.GetRunnerAsync("grt_a")).Trades);
    }

    [Fact]
    public async Task StartAsync_FinishedReplayStartedAgain_ReplaysFromTheStartAndRunnersIgnoreWhatTheyProcessed()
    {
        var candles = PlatformCluster.Candles("KAVAUSDT", 120, seed: 12);
        var path = WriteKlines("KAVAUSDT-1m-2026-01.csv", candles);
        await _platform.Registry.AddRunnerAsync(Definitions.Runner("kava_twice", "KAVAUSDT", _scripts.Cycle, "hold=2"));
        var sut = _platform.Grains.GetGrain<IMarketFeedGrain>("KAVAUSDT");
        var definition = new FeedDefinition("KAVAUSDT", FeedSourceKind.Replay, path, Speed: 0);
        await sut.StartAsync(definition);
        await Wait.UntilAsync(async () => !(await sut.GetStatusAsync()).Running, "the first replay ended");

        await _platform.Registry.AddRunnerAsync(Definitions.Runner("kava_late", "KAVAUSDT", _scripts.Cycle, "hold=2"));

        await sut.StartAsync(definition);
        await Wait.UntilAsync(async () => !(await sut.GetStatusAsync()).Running, "the second replay ended");
        var status = await sut.GetStatusAsync();
        var runner = await _platform.Registry.GetRunnerAsync("kava_twice");
        var late = await _platform.Registry.GetRunnerAsync("kava_late");

        Assert.Equal(120, status.EventsPublished);
        Assert.Equal(120, runner.BarsProcessed);
        Assert.Equal(30, runner.Trades);
        Assert.Equal(120, late.BarsProcessed);
        Assert.Equal(30, late.Trades);
    }

    [Fact]
    public async Task StopAsync_SimulatedFeed_StopsPublishingCleanly()
    {
        await _platform.Registry.AddRunnerAsync(Definitions.Runner("hbar_sim", "HBARUSDT", _scripts.Cycle, "hold=3"));
        var sut = _platform.Grains.GetGrain<IMarketFeedGrain>("HBARUSDT");
        await sut.StartAsync(new FeedDefinition("HBARUSDT", FeedSourceKind.Simulated, Speed: 0, Seed: 5));
        await Wait.UntilAsync(async () => (await _platform.Registry.GetRunnerAsync("hbar_sim")).BarsProcessed >= 300, "300 bars reached the runner");

        await sut.StopAsync();
        var stopped = await sut.GetStatusAsync();
        var runner = await _platform.Registry.GetRunnerAsync("hbar_sim");

        Assert.False(stopped.Running);
        Assert.Null(stopped.Error);
        Assert.Equal(stopped.EventsPublished, runner.BarsProcessed);
        Assert.Equal(stopped.LastEventTime, runner.LastEventTime);
        Assert.Equal(stopped.EventsPublished, (await sut.GetStatusAsync()).EventsPublished);
    }

    [Fact]
    public async Task StartAsync_ReplayOfAMissingFile_FailsNamingThePath()
    {
        var sut = _platform.Grains.GetGrain<IMarketFeedGrain>("IOTAUSDT");
        var missing = Path.Combine(_scripts.Folder, "no-such-file.csv");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sut.StartAsync(new FeedDefinition("IOTAUSDT", FeedSourceKind.Replay, missing)));

        Assert.Contains("no-such-file.csv", error.Message, StringComparison.Ordinal);
        Assert.False((await sut.GetStatusAsync()).Running);
    }

    private string WriteKlines(string name, IReadOnlyList<Candle> candles)
    {
        var text = new StringBuilder();
        foreach (var c in candles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.OpenTime},{c.Open:R},{c.High:R},{c.Low:R},{c.Close:R},{c.Volume:R},{c.CloseTime},0,0,0,0,0\n");
        }

        return _scripts.Write(name, text.ToString());
    }
}
