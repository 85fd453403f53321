using System.Diagnostics;
using Npgsql;

namespace Hive.Testing;

/// <summary>
/// The PostgreSQL server the tests run against, named by <c>HIVE_TEST_POSTGRES</c> (a connection string whose role may
/// create databases; <c>.ci/postgres.sh</c> starts a local server and exports it). Each test takes a database of its
/// own with <see cref="CreateDatabaseAsync"/> (<c>hive_test_&lt;random&gt;</c>), dropped with <c>FORCE</c> when the
/// returned object is disposed. Tests use <see cref="PostgresFactAttribute"/>: without <c>HIVE_TEST_POSTGRES</c> they
/// are skipped with the reason, except on CI (<c>CI=true</c>), where they run and fail because the server is missing.
/// <para>
/// <see cref="RestartAsync"/> restarts the whole local server (<c>pg_ctlcluster VERSION main restart</c>, the cluster
/// from <c>HIVE_TEST_POSTGRES_CLUSTER</c>, e.g. <c>15 main</c>, else the newest under <c>/etc/postgresql</c>; needs
/// root, as <c>.ci/run</c> has). It cuts every connection of every test, so a test that restarts the server must run
/// alone: put its class in the collection <see cref="RestartCollection"/>, whose definition disables parallelization.
/// That still cannot stop the other test assemblies that <c>dotnet test Hive.sln</c> runs at the same time, so a fault
/// test that restarts or kills the database should prefer a server of its own, <see cref="PostgresPrivateServer"/>.
/// </para>
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable holding the administrative connection string.</summary>
    public const string Variable = "HIVE_TEST_POSTGRES";

    /// <summary>The collection that tests restarting the server belong to (defined by <see cref="PostgresRestartCollection"/>).</summary>
    public const string RestartCollection = "PostgreSQL restart";

    public const string AbsentReason =
        "HIVE_TEST_POSTGRES is not set: the PostgreSQL tests are skipped (run `source .ci/postgres.sh` to start a local server and set it)";

    private PostgresServer(string database, string connectionString)
    {
        Database = database;
        ConnectionString = connectionString;
    }

    /// <summary>The administrative connection string, or null when the variable is not set.</summary>
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>True when PostgreSQL tests must run: the variable is set, or CI demands them.</summary>
    public static bool Required => AdminConnectionString is not null || IsCi;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>This test's database.</summary>
    public string Database { get; }

    /// <summary>A connection string to this test's database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a fresh, empty database for one test.</summary>
    public static async Task<PostgresServer> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(
            $"{Variable} is not set but CI=true: the PostgreSQL tests must run on CI; .ci/run starts the server with .ci/postgres.sh.");
        var database = "hive_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new PostgresServer(database, builder.ConnectionString);
    }

    /// <summary>Opens a connection to this test's database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> on this test's database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Ends every other session on this test's database (<c>pg_terminate_backend</c>); returns how many.</summary>
    public async Task<int> TerminateConnectionsAsync()
    {
        var count = await ScalarAsync(
            $"SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = '{Database}' AND pid <> pg_backend_pid()");
        return (int)count!;
    }

    /// <summary>
    /// Restarts the local PostgreSQL server and returns once it accepts connections again (see the class remarks: the
    /// whole server, for tests in <see cref="RestartCollection"/> only).
    /// </summary>
    public static async Task RestartAsync()
    {
        var cluster = (Environment.GetEnvironmentVariable("HIVE_TEST_POSTGRES_CLUSTER") ?? NewestCluster()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var process = Process.Start(new ProcessStartInfo("pg_ctlcluster", [cluster[0], cluster.Length > 1 ? cluster[1] : "main", "restart"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("pg_ctlcluster did not start.");
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctlcluster {string.Join(' ', cluster)} restart failed ({process.ExitCode}): {await error}");
        }

        NpgsqlConnection.ClearAllPools();
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, "PostgreSQL accepts connections after its restart");
    }

    /// <summary>Drops this test's database, ending its remaining sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return true;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // A session that appeared while the drop ended the others (an autovacuum worker, for a role without
                // pg_signal_backend): try again.
                return false;
            }
        }, $"test database {Database} is dropped");
    }

    private static string NewestCluster()
    {
        var version = Directory.Exists("/etc/postgresql")
            ? Directory.GetDirectories("/etc/postgresql").Select(Path.GetFileName).OrderByDescending(v => int.TryParse(v, out var n) ? n : 0).FirstOrDefault()
            : null;
        return (version ?? throw new InvalidOperationException("No PostgreSQL cluster under /etc/postgresql; set HIVE_TEST_POSTGRES_CLUSTER (e.g. '15 main').")) + " main";
    }
}

/// <summary>
/// A fact that needs the PostgreSQL test server: skipped with the reason when <c>HIVE_TEST_POSTGRES</c> is not set,
/// except on CI (<c>CI=true</c>), where it runs and fails.
/// </summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.Required)
        {
            Skip = PostgresServer.AbsentReason;
        }
    }
}

/// <summary>The tests that restart the PostgreSQL server: they run alone, never beside another test.</summary>
[CollectionDefinition(PostgresServer.RestartCollection, DisableParallelization = true)]
public sealed class PostgresRestartCollection;
