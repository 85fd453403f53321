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
        Assert.True(File.Exists(sut.Ledger.FilePath));
        Assert.StartsWith(sut.LedgerDirectory, sut.Ledger.FilePath, StringComparison.Ordinal);
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
}
