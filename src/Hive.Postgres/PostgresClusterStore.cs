using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Hosting;

namespace Hive.Postgres;

/// <summary>
/// The embedded cluster (<c>hive run --postgres</c>) on PostgreSQL: <see cref="PrepareAsync"/> migrates the database
/// and takes a session advisory lock that keeps the database to one embedded cluster at a time (as the data
/// directory's lock file does for files); every silo gets ADO.NET clustering and grain storage
/// (<see cref="HivePostgresExtensions.AddHivePostgres"/>); the silos share one <see cref="PostgresLedger"/>.
/// </summary>
public sealed class PostgresClusterStore : IEmbeddedClusterStore
{
    /// <summary>The session advisory lock key an embedded cluster holds on its database ("HIVE" and 2).</summary>
    public const long ExclusiveLockKey = 0x4849_5645_0000_0002;

    private readonly string _connectionString;
    private readonly PostgresRetryOptions _retry;
    private readonly ILoggerFactory _loggerFactory;
    private readonly PostgresLedger _ledger;
    private NpgsqlConnection? _lock;

    /// <summary>A store in the database <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">An Npgsql connection string; its role needs to create tables (migrations).</param>
    /// <param name="retry">Retry of transient errors by the migrator and the ledger; the defaults when null.</param>
    /// <param name="loggerFactory">Logging of migrations and retries.</param>
    /// <exception cref="ArgumentException">The connection string is not a valid Npgsql connection string.</exception>
    public PostgresClusterStore(string connectionString, PostgresRetryOptions? retry = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Not a valid PostgreSQL connection string: {e.Message}", nameof(connectionString), e);
        }

        _connectionString = connectionString;
        _retry = retry ?? new PostgresRetryOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        _ledger = new PostgresLedger(connectionString, _retry, _loggerFactory.CreateLogger<PostgresLedger>());
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ILedger Ledger => _ledger;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Another embedded cluster uses the database.</exception>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await new PostgresMigrator(_connectionString, _retry, _loggerFactory.CreateLogger<PostgresMigrator>()).MigrateAsync(cancellationToken).ConfigureAwait(false);

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", ExclusiveLockKey);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                throw new InvalidOperationException($"{Description} is in use by another Hive embedded cluster (hive run); stop it or use another database.");
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _lock = connection;
    }

    /// <inheritdoc />
    public void ConfigureSilo(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddHivePostgres(_connectionString, o =>
        {
            // Migrated once in PrepareAsync; the ledger is shared through AddHiveLedger.
            o.Migrate = false;
            o.Ledger = false;
            o.Retry = _retry;
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync().ConfigureAwait(false);
        if (_lock is { } connection)
        {
            // Closing the session releases its advisory lock.
            await connection.DisposeAsync().ConfigureAwait(false);
            _lock = null;
        }
    }
}
