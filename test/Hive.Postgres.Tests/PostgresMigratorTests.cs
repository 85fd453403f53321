using Npgsql;

namespace Hive.Postgres.Tests;

public sealed class PostgresMigratorTests
{
    private static readonly string[] ExpectedTables =
        ["hive_grain_state", "hive_ledger", "hive_ledger_head", "hive_membership", "hive_membership_version", "hive_reminders", "hive_schema_migrations", "orleansquery"];

    [PostgresFact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryMigrationOnce()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var sut = new PostgresMigrator(db.ConnectionString);

        var first = await sut.MigrateAsync();
        var second = await sut.MigrateAsync();

        Assert.Equal(PostgresMigrator.KnownVersions.Count, first.Count);
        Assert.Empty(second);
        Assert.Equal(ExpectedTables, await TablesAsync(db));
        Assert.Equal((long)PostgresMigrator.KnownVersions.Count, await db.ScalarAsync("SELECT count(*) FROM hive_schema_migrations"));
    }

    [PostgresFact]
    public async Task MigrateAsync_FiveAtOnceOnAFreshDatabase_CreateTheSchemaOnceWithoutError()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        using var start = new ManualResetEventSlim();
        var migrators = Enumerable.Range(0, 5).Select(_ => new PostgresMigrator(db.ConnectionString)).ToArray();

        var runs = migrators.Select(m => Task.Run(async () =>
        {
            start.Wait();
            return await m.MigrateAsync();
        })).ToArray();
        start.Set();
        var applied = await Task.WhenAll(runs).Within();

        Assert.Single(applied, a => a.Count > 0);
        Assert.Equal(PostgresMigrator.KnownVersions.Count, applied.Sum(a => a.Count));
        Assert.Equal(ExpectedTables, await TablesAsync(db));
        Assert.Equal((long)PostgresMigrator.KnownVersions.Count, await db.ScalarAsync("SELECT count(*) FROM hive_schema_migrations"));
    }

    [PostgresFact]
    public async Task MigrateAsync_FreshDatabase_InstallsEveryQueryTheOrleansProvidersRead()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await new PostgresMigrator(db.ConnectionString).MigrateAsync();

        string[] required =
        [
            // Clustering
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
            "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
            // Grain persistence
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            // Reminders
            "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        var keys = new List<string>();
        await using (var connection = await db.OpenAsync())
        await using (var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Empty(required.Except(keys));
    }

    [PostgresFact]
    public async Task MigrateAsync_AppliedMigrationUnknownToThisBuild_FailsNamingIt()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var sut = new PostgresMigrator(db.ConnectionString);
        await sut.MigrateAsync();
        await db.ScalarAsync("INSERT INTO hive_schema_migrations (version, name, checksum) VALUES (9999, '9999_from_the_future', 'x')");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.MigrateAsync());

        Assert.Contains("9999_from_the_future", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string[]> TablesAsync(PostgresServer db)
    {
        var tables = new List<string>();
        await using var connection = await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return [.. tables];
    }
}
