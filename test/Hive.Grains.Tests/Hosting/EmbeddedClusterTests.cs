using Hive.Grains.Feeds;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hive.Grains.Tests.Hosting;

public sealed class EmbeddedClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hive-embedded-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_EmptyDirectory_ThreeActiveSilosWithRolesAndTags()
    {
        await using var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });

        var hosts = await sut.GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var metadata = sut.ServicesOf(EmbeddedCluster.ControlSiloName).GetRequiredService<ISiloMetadataCache>();
        var roles = hosts.ToDictionary(h => h.SiloName, h => metadata.GetSiloMetadata(h.SiloAddress).Metadata);

        Assert.Equal([EmbeddedCluster.ControlSiloName, EmbeddedCluster.LiveSiloName, EmbeddedCluster.DataSiloName], sut.SiloNames);
        Assert.Equal(3, hosts.Length);
        Assert.Equal(SiloRoles.Control, roles[EmbeddedCluster.ControlSiloName][SiloRoles.RoleKey]);
        Assert.Equal(SiloRoles.Live, roles[EmbeddedCluster.LiveSiloName][SiloRoles.RoleKey]);
        Assert.Equal("true", roles[EmbeddedCluster.LiveSiloName]["low_latency"]);
        Assert.Equal(SiloRoles.Data, roles[EmbeddedCluster.DataSiloName][SiloRoles.RoleKey]);
        Assert.Equal("true", roles[EmbeddedCluster.DataSiloName]["high_ram"]);
        Assert.True(Directory.Exists(sut.StateDirectory));
        var ledger = Assert.IsType<FileLedger>(sut.Ledger);
        Assert.True(File.Exists(ledger.FilePath));
        Assert.StartsWith(sut.LedgerDirectory, ledger.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_Feed_PlacedOnTheLiveSilo()
    {
        await using var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });

        var status = await sut.GrainFactory.GetGrain<IMarketFeedGrain>("BTCUSDT")
            .StartAsync(new FeedDefinition("BTCUSDT", FeedSourceKind.Simulated, Speed: 60_000));

        Assert.Equal(EmbeddedCluster.LiveSiloName, status.Silo);
    }

    [Fact]
    public async Task StopAsync_ThenStartOnSameDirectory_StateSurvives()
    {
        var definition = new FeedDefinition("ETHUSDT", FeedSourceKind.Simulated, Speed: 60_000);
        long published;
        await using (var first = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory }))
        {
            var feed = first.GrainFactory.GetGrain<IMarketFeedGrain>("ETHUSDT");
            await feed.StartAsync(definition);
            await Wait.UntilAsync(async () => (await feed.GetStatusAsync()).EventsPublished >= 20, "the feed published 20 events");
            await feed.StopAsync();
            published = (await feed.GetStatusAsync()).EventsPublished;
            await first.StopAsync();
        }

        await using var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });
        var status = await sut.GrainFactory.GetGrain<IMarketFeedGrain>("ETHUSDT").GetStatusAsync();

        Assert.Equal(published, status.EventsPublished);
        Assert.False(status.Running);
    }

    [Fact]
    public async Task StartAsync_SecondClusterOnSameDirectory_FailsWithDirectoryInUse()
    {
        await using var first = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });

        var error = await Assert.ThrowsAsync<IOException>(() => EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory }));

        Assert.Contains("in use by another Hive cluster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OneRunnerStateFileTruncated_OnlyThatRunnerFailsNamingTheFile()
    {
        var runners = new[] { "corrupt_me", "healthy" };
        await using (var first = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory }))
        {
            var registry = first.GrainFactory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
            foreach (var id in runners)
            {
                await registry.AddRunnerAsync(new RunnerDefinition(id, "BTCUSDT", "ema-cross", new Dictionary<string, string>()));
            }

            await first.StopAsync();
        }

        var file = Directory.GetFiles(Path.Combine(_directory, "state"), "corrupt_me.json", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text[..(text.Length / 2)]);

        await using var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });
        var again = sut.GrainFactory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        var error = await Assert.ThrowsAsync<RunnerRegistryException>(() => again.GetRunnerAsync("corrupt_me"));
        var healthy = await again.GetRunnerAsync("healthy");

        Assert.Contains("runner 'corrupt_me' could not be activated", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal("ema-cross", healthy.Strategy);
        Assert.Null(healthy.StoppedReason);
    }

    [Fact]
    public async Task DrainFeedsAsync_ReplayingFeed_EveryPublishedBarReachesTheRunnerBeforeTheSilosStop()
    {
        var candles = Hive.Trading.Market.Sources.RandomWalkMarketDataSource.GenerateCandles("BTCUSDT", 20_000, new() { Seed = 3, Bars = 20_000 });
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_directory, "klines")).FullName, "BTCUSDT-1m-2026-01.csv");
        await File.WriteAllLinesAsync(file, candles.Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{c.OpenTime},{c.Open:R},{c.High:R},{c.Low:R},{c.Close:R},{c.Volume:R},{c.CloseTime},0,0,0,0,0")));
        RunnerStatus drained;
        FeedStatus feedStatus;
        await using (var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory }))
        {
            var registry = sut.GrainFactory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
            await registry.AddRunnerAsync(new RunnerDefinition("drain_me", "BTCUSDT", "ema-cross", new Dictionary<string, string>()));
            var feed = sut.GrainFactory.GetGrain<IMarketFeedGrain>("BTCUSDT");
            await feed.StartAsync(new FeedDefinition("BTCUSDT", FeedSourceKind.Replay, file, Speed: 0));
            await Wait.UntilAsync(async () => (await feed.GetStatusAsync()).EventsPublished >= 2_000, "the replay is under way");

            await sut.DrainFeedsAsync(["BTCUSDT"]);
            feedStatus = await feed.GetStatusAsync();
            drained = await registry.GetRunnerAsync("drain_me");
            await sut.StopAsync();
        }

        await using var again = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory });
        var resumed = await again.GrainFactory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey).GetRunnerAsync("drain_me");

        Assert.False(feedStatus.Running);
        Assert.True(feedStatus.EventsPublished < candles.Length, "the feed was drained before the end of its data");
        Assert.Equal(feedStatus.EventsPublished, drained.BarsProcessed);
        Assert.Equal(feedStatus.LastEventTime, drained.LastEventTime);
        Assert.True(resumed.LastEventTime >= feedStatus.LastEventTime, $"resumed at {resumed.LastEventTime}, drained at {feedStatus.LastEventTime}");
    }

    [Fact]
    public async Task StartAsync_MemoryStreamsByConfiguration_RunnersStillReceiveTheFeed()
    {
        await using var sut = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            DataDirectory = _directory,
            Configuration = new Dictionary<string, string?> { ["Hive:Streams:Provider"] = "memory" },
        });
        var registry = sut.GrainFactory.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);
        await registry.AddRunnerAsync(new RunnerDefinition("mem_runner", "ETHUSDT", "ema-cross", new Dictionary<string, string>()));

        await sut.GrainFactory.GetGrain<IMarketFeedGrain>("ETHUSDT").StartAsync(new FeedDefinition("ETHUSDT", FeedSourceKind.Simulated, Speed: 0));
        await Wait.UntilAsync(async () => (await registry.GetRunnerAsync("mem_runner")).BarsProcessed >= 50, "50 bars reached the runner through memory streams");

        var provider = sut.ServicesOf(EmbeddedCluster.LiveSiloName).GetRequiredKeyedService<Orleans.Streams.IStreamProvider>(MarketStreams.ProviderName);
        Assert.DoesNotContain("MarketStreamProvider", provider.GetType().Name, StringComparison.Ordinal);
    }
}
