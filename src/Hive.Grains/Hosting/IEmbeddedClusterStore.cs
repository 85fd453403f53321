using Hive.Grains.Ledger;
using Orleans.Hosting;

namespace Hive.Grains.Hosting;

/// <summary>
/// Where an <see cref="EmbeddedCluster"/> keeps membership, grain state and the ledger when not in files under its data
/// directory (the default): a database shared by the cluster's silos, such as PostgreSQL. The cluster owns the store
/// once started and disposes it after the silos stop.
/// </summary>
public interface IEmbeddedClusterStore : IAsyncDisposable
{
    /// <summary>What the store is, for people (for example the database host and name, never a password).</summary>
    string Description { get; }

    /// <summary>The ledger shared by the cluster's silos; valid after <see cref="PrepareAsync"/>.</summary>
    ILedger Ledger { get; }

    /// <summary>Runs once before any silo starts (creates or migrates the schema, checks the store is free to use).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Configures one silo's clustering (the cluster sets <c>ClusterOptions</c> and the endpoints) and its grain storage
    /// named <see cref="HivePlatform.StorageName"/>.
    /// </summary>
    void ConfigureSilo(ISiloBuilder silo);
}
