using Hive.Runtime.Testing;

namespace Hive.Runtime.Tests;

/// <summary>A shared three-silo cluster on the system clock.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new TestClusterOptions();
        options.Silos.Add(new TestSiloOptions("silo0"));
        options.Silos.Add(new TestSiloOptions("silo1"));
        options.Silos.Add(new TestSiloOptions("silo2"));
        Cluster = await TestCluster.StartAsync(options);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
