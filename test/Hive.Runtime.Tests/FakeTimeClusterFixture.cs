using Hive.Runtime.Testing;

namespace Hive.Runtime.Tests;

/// <summary>A shared two-silo cluster whose clock only moves when a test advances it.</summary>
public sealed class FakeTimeClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(new TestClusterOptions { TimeProvider = Time });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
