using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Tests;

public sealed class PlacementTests(PlacementClusterFixture fixture) : IClassFixture<PlacementClusterFixture>
{
    [Fact]
    public async Task Activate_DirectorRequiresRoleAndTag_PlacesOnlyOnMatchingSilo()
    {
        var names = new List<string>();
        foreach (var silo in fixture.Cluster.Silos)
        {
            names.Add(await silo.GrainFactory.GetGrain<ILiveGrain>("live-" + Guid.NewGuid()).SiloName().Within());
        }

        Assert.All(names, n => Assert.Equal("live-fast", n));
    }

    [Fact]
    public async Task Activate_NoSiloSatisfiesStrategy_FailsNamingTheRequirement()
    {
        var sut = fixture.Cluster.GrainFactory.GetGrain<IGpuGrain>("gpu-" + Guid.NewGuid());

        var error = await Assert.ThrowsAsync<PlacementException>(() => sut.SiloName().Within());

        Assert.Contains("no active silo with role=gpu", error.Message, StringComparison.Ordinal);
        Assert.Null(fixture.Cluster.FindHost(sut.GetGrainId()));
    }

    [Fact]
    public async Task Activate_PlacementHint_PinsGrainToSilo()
    {
        var target = fixture.Cluster.Silos.Single(s => s.Metadata.Name == "data0");
        PlacementHint.Set(target.Address);

        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add(await fixture.Cluster.Silos[i % 5].GrainFactory.GetGrain<ICounterGrain>("pinned-" + Guid.NewGuid()).SiloName().Within());
        }

        Assert.All(names, n => Assert.Equal("data0", n));
    }

    [Fact]
    public async Task Activate_LoadProviderReportsHotDataset_DirectorPrefersThatSilo()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            var onData1 = await silo.GrainFactory.GetGrain<IBacktestGrain>("dataset-of-data1").SiloName().Within();
            var onData0 = await silo.GrainFactory.GetGrain<IBacktestGrain>("dataset-of-data0").SiloName().Within();

            Assert.Equal("data1", onData1);
            Assert.Equal("data0", onData0);
        }
    }

    [Fact]
    public async Task Activate_HintOnIncompatibleSilo_FailsNamingTheRequirement()
    {
        PlacementHint.Set(fixture.Cluster.Silos.Single(s => s.Metadata.Name == "live-slow").Address);

        var error = await Assert.ThrowsAsync<PlacementException>(
            () => fixture.Cluster.GrainFactory.GetGrain<ILiveGrain>("hinted-" + Guid.NewGuid()).SiloName().Within());

        Assert.Contains("role=live and tag low_latency", error.Message, StringComparison.Ordinal);
    }
}
