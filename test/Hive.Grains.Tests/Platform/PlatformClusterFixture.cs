namespace Hive.Grains.Tests.Platform;

/// <summary>One four-silo platform cluster (control0, live0, live1, data0) shared by the platform tests that kill no silo.</summary>
public sealed class PlatformClusterFixture : IAsyncLifetime
{
    public PlatformCluster Platform { get; private set; } = null!;

    public Scripts Scripts { get; } = new();

    public async Task InitializeAsync() => Platform = await PlatformCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        Scripts.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformClusterCollection : ICollectionFixture<PlatformClusterFixture>
{
    public const string Name = "platform cluster";
}
