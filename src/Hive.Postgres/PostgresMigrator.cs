using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly;

namespace Hive.Postgres;

/// <summary>
/// Brings a PostgreSQL database to Hive's schema: the tables and <c>OrleansQuery</c> rows of Orleans' ADO.NET
/// clustering, grain persistence and reminders, and Hive's ledger. Migrations are SQL scripts embedded in this assembly
/// (<c>Migrations/NNNN_name.sql</c>), applied in version order, each recorded in <c>hive_schema_migrations</c> with its
/// checksum. All pending migrations apply in one transaction that first takes a transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock</c>), so that silos starting at once apply them exactly once: the others wait for the lock,
/// then find nothing pending. A transient error (see <see cref="PostgresResilience"/>) retries the whole transaction.
/// </summary>
public sealed class PostgresMigrator
{
    /// <summary>The advisory lock key the migrator holds while it migrates ("HIVE" and 1).</summary>
    public const long AdvisoryLockKey = 0x4849_5645_0000_0001;

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    /// <summary>A migrator for the database <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">An Npgsql connection string; its role needs to create tables.</param>
    /// <param name="retry">Retry of transient errors; the defaults when null.</param>
    /// <param name="logger">Where applied migrations and retries are reported.</param>
    public PostgresMigrator(string connectionString, PostgresRetryOptions? retry = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        _connectionString = connectionString;
        _logger = logger ?? NullLogger.Instance;
        _retry = PostgresResilience.CreatePipeline(retry, _logger);
    }

    /// <summary>The versions of the migrations this build ships, in order.</summary>
    public static IReadOnlyList<int> KnownVersions { get; } = [.. PostgresMigration.All.Select(m => m.Version)];

    /// <summary>
    /// Applies the pending migrations and returns the names of those this call applied (empty when the database was
    /// up to date). Fails, naming the migration, when the database holds a migration this build does not know (a newer
    /// Hive migrated it) or one whose script changed since it was applied.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = await _retry.ExecuteAsync(static async (self, ct) => await self.MigrateOnceAsync(ct).ConfigureAwait(false), this, cancellationToken)
            .ConfigureAwait(false);
        if (applied.Count > 0)
        {
            _logger.LogInformation("PostgreSQL schema: applied {Migrations}.", string.Join(", ", applied));
        }

        return applied;
    }

    private async Task<IReadOnlyList<string>> MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS hive_schema_migrations
            (
                version    integer PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var done = new Dictionary<int, (string Name, string Checksum)>();
        await using (var read = new NpgsqlCommand("SELECT version, name, checksum FROM hive_schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                done[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var known = PostgresMigration.All.ToDictionary(m => m.Version);
        foreach (var (version, (name, checksum)) in done)
        {
            if (!known.TryGetValue(version, out var migration))
            {
                throw new InvalidOperationException(
                    $"Database {connection.Database}: migration {version} ({name}) is applied but unknown to this Hive build (known up to {KnownVersions[^1]}); it was migrated by a newer Hive.");
            }

            if (!string.Equals(migration.Checksum, checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Database {connection.Database}: migration {migration.Name} was applied from a different script (checksum {checksum}, this build {migration.Checksum}); a released migration must never change.");
            }
        }

        var applied = new List<string>();
        foreach (var migration in PostgresMigration.All.Where(m => !done.ContainsKey(m.Version)))
        {
            try
            {
                await using var apply = new NpgsqlCommand(migration.Sql, connection, transaction);
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (!e.IsTransient)
            {
                throw new InvalidOperationException($"Migration {migration.Name} failed: {e.SqlState}: {e.MessageText}", e);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO hive_schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Name);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }
}
