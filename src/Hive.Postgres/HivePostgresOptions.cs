using Hive.Grains.Hosting;

namespace Hive.Postgres;

/// <summary>Options of <see cref="HivePostgresExtensions.AddHivePostgres"/>.</summary>
public sealed class HivePostgresOptions
{
    /// <summary>Whether the silo applies pending migrations before anything else starts (default true).</summary>
    public bool Migrate { get; set; } = true;

    /// <summary>
    /// The grain storage name to register on PostgreSQL (default <see cref="HivePlatform.StorageName"/>, which the
    /// platform's grains and the "market" stream provider's subscriptions use).
    /// </summary>
    public string StorageName { get; set; } = HivePlatform.StorageName;

    /// <summary>
    /// Whether to register a <see cref="PostgresLedger"/> as the silo's ledger (default true). A process hosting several
    /// silos may share one ledger instead through <see cref="GatewayHostingExtensions.AddHiveLedger"/>.
    /// </summary>
    public bool Ledger { get; set; } = true;

    /// <summary>
    /// Whether to use PostgreSQL for Orleans reminders (default false: Hive's grains use none; a silo that hosts grains
    /// with reminders turns it on).
    /// </summary>
    public bool Reminders { get; set; }

    /// <summary>Retry of transient errors by the migrator and the ledger (Orleans' providers handle their own).</summary>
    public PostgresRetryOptions Retry { get; set; } = new();
}
