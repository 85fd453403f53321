using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Runtime.Cluster;
using Hive.Runtime.Testing;
using Hive.Trading.Risk;

namespace Hive.Grains.Tests.Gateway;

/// <summary>
/// A three-silo test cluster with the gateway services: one in-memory ledger and one paper broker shared by every silo
/// (as in one process), account <see cref="RiskAccount"/> with account limits. Tests use their own accounts.
/// </summary>
public sealed class GatewayClusterFixture : IAsyncLifetime
{
    public const string RiskAccount = "acct-risk";

    public InMemoryLedger Ledger { get; } = new();

    public PaperBroker Broker { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public static GatewayOptions CreateOptions()
    {
        var options = new GatewayOptions();
        options.AccountLimits[RiskAccount] = new RiskLimits { MaxOrderNotional = 1000m, MaxPositionQuantity = 20m };
        return options;
    }

    public static TestClusterOptions ClusterOptions(ILedger ledger, PaperBroker broker, GatewayOptions options, int silos = 3)
    {
        var cluster = new TestClusterOptions
        {
            ConfigureSilo = silo => silo.AddHivePlatform().AddHiveLedger(ledger).AddHiveGateway(broker, options),
        };
        for (var i = 0; i < silos; i++)
        {
            cluster.Silos.Add(new TestSiloOptions($"silo{i}", SiloRoles.Live));
        }

        return cluster;
    }

    public async Task InitializeAsync() =>
        Cluster = await TestCluster.StartAsync(ClusterOptions(Ledger, Broker, CreateOptions()));

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayClusterCollection : ICollectionFixture<GatewayClusterFixture>
{
    public const string Name = "gateway cluster";
}
