using Hive.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hive.Runtime.Tests;

/// <summary>A two-silo cluster whose silos log into <see cref="Logs"/>.</summary>
public sealed class LoggingClusterFixture : IAsyncLifetime
{
    internal RecordingLoggerFactory Logs { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(new TestClusterOptions
    {
        ConfigureSilo = silo => silo.Services.AddSingleton<ILoggerFactory>(Logs),
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
