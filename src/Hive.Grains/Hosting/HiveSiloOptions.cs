using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Orleans.Storage;

namespace Hive.Grains.Hosting;

/// <summary>
/// One Hive silo's part in a cluster, as <see cref="HiveSiloExtensions.AddHiveSilo"/> wires it: the same for the three
/// silos of the <see cref="EmbeddedCluster"/> and for a <c>hive silo</c> process. Clustering and endpoints are the
/// host's (localhost clustering in one process, PostgreSQL membership across processes).
/// </summary>
public sealed class HiveSiloOptions
{
    /// <summary>The silo's name (unique in the cluster; it appears in runner status and DeploymentIDs).</summary>
    public required string Name { get; init; }

    /// <summary>The silo's role: <c>live</c>, <c>data</c> or <c>control</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The silo's tags, <c>KEY</c> or <c>KEY=VALUE</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The ledger the gateways append to.</summary>
    public required ILedger Ledger { get; init; }

    /// <summary>The broker behind the gateways.</summary>
    public required IBroker Broker { get; init; }

    /// <summary>Gateway settings; the defaults when <c>null</c>.</summary>
    public GatewayOptions? Gateway { get; init; }

    /// <summary>
    /// Grain storage to register as <see cref="HivePlatform.StorageName"/>; <c>null</c> when the host registers it
    /// (PostgreSQL through Orleans' ADO.NET provider).
    /// </summary>
    public IGrainStorage? Storage { get; init; }

    /// <summary>How long a graceful stop gives each activation to deactivate and persist.</summary>
    public TimeSpan DeactivationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure detection; Hive's tuned values by default, Orleans' own when <c>null</c>.</summary>
    public HiveFailureDetectionOptions? FailureDetection { get; init; } = new();
}
