using Hive.Grains.Storage;
using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Grains.Tests.Platform;
using Hive.Trading.Risk;

namespace Hive.Grains.Tests.Gateway;

/// <summary>
/// A three-silo (all live) platform cluster for gateway tests: one in-memory ledger and one paper broker shared by every
/// silo (as in one process), account <see cref="RiskAccount"/> with account limits. Tests use their own accounts.
/// </summary>
public sealed class GatewayClusterFixture : IAsyncLifetime
{
    public const string RiskAccount = "acct-risk";

    public InMemoryLedger Ledger { get; } = new();

    public PaperBroker Broker { get; } = new();

    public PlatformCluster Cluster { get; private set; } = null!;

    public static GatewayOptions CreateOptions()
    {
        var options = new GatewayOptions();
        options.AccountLimits[RiskAccount] = new RiskLimits { MaxOrderNotional = 1000m, MaxPositionQuantity = 20m };
        return options;
    }

    public static Task<PlatformCluster> StartAsync(InMemoryLedger ledger, PaperBroker broker, GatewayOptions? options = null, MemoryJsonGrainStorage? storage = null) =>
        PlatformCluster.StartAsync(storage ?? new MemoryJsonGrainStorage(), ledger, broker, options ?? CreateOptions(),
            ("silo0", SiloRoles.Live), ("silo1", SiloRoles.Live), ("silo2", SiloRoles.Live));

    public async Task InitializeAsync() => Cluster = await StartAsync(Ledger, Broker);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayClusterCollection : ICollectionFixture<GatewayClusterFixture>
{
    public const string Name = "gateway cluster";
}
