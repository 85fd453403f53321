using System.Collections.Concurrent;
using Hive.Runtime.Testing;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

public sealed class FilterClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(new TestClusterOptions
    {
        ConfigureSilo = silo => silo.AddIncomingGrainCallFilter<RecordingFilter>().AddOutgoingGrainCallFilter<RecordingFilter>(),
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
