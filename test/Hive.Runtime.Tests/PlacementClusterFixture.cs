using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Tests;

public sealed class PlacementClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new TestClusterOptions
        {
            ConfigureSilo = silo => silo
                .AddPlacementDirector<LivePlacement, LivePlacementDirector>()
                .AddPlacementDirector<GpuPlacement, GpuPlacementDirector>()
                .AddPlacementDirector<DataPlacement, DataPlacementDirector>()
                .Services.AddSingleton<ISiloLoadProvider, HotDatasetLoadProvider>(),
        };
        options.Silos.Add(new TestSiloOptions("control0", SiloRoles.Control));
        options.Silos.Add(new TestSiloOptions("data0", SiloRoles.Data, "high_ram"));
        options.Silos.Add(new TestSiloOptions("data1", SiloRoles.Data, "high_ram"));
        options.Silos.Add(new TestSiloOptions("live-slow", SiloRoles.Live, "region=eu"));
        options.Silos.Add(new TestSiloOptions("live-fast", SiloRoles.Live, "low_latency", "region=eu"));
        Cluster = await TestCluster.StartAsync(options);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
