using Hive.Grains.Ledger;

namespace Hive.Postgres.Tests;

/// <summary>The ledger across a restart of its database, on a server of the test's own.</summary>
public sealed class PostgresRestartTests
{
    [PostgresBinariesFact]
    public async Task AppendAsync_AfterTheServerRestarted_RetriesAndKeepsEveryAcknowledgedEntry()
    {
        await using var server = await PostgresPrivateServer.StartAsync();
        await new PostgresMigrator(server.ConnectionString).MigrateAsync();
        await using var sut = new PostgresLedger(server.ConnectionString);
        var before = await sut.AppendAsync(Fill("btc_ema_prod-1"));

        await server.RestartAsync(immediate: true);
        var after = await sut.AppendAsync(Fill("btc_ema_prod-2"));

        Assert.True(sut.Retries >= 1, $"expected a retry on the connection the restart ended, saw {sut.Retries}");
        var entries = new List<LedgerEntry>();
        await foreach (var entry in sut.ReadAllAsync())
        {
            entries.Add(entry);
        }

        Assert.Equal([before, after], entries);
        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
    }

    private static LedgerEntry Fill(string clientOrderId) =>
        new(0, 1_764_547_200_000, LedgerEntryKind.Fill, "acc1", "btc_ema_prod", clientOrderId, "BTCUSDT", "Buy", 0.5m, 101.25m, 0.05m, null);
}
