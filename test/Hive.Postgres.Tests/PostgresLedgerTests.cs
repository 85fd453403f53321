using Hive.Grains.Ledger;
using Npgsql;

namespace Hive.Postgres.Tests;

public sealed class PostgresLedgerTests
{
    private static readonly PostgresRetryOptions FastRetry = new() { MaxRetryAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) };

    [PostgresFact]
    public async Task ReadAllAsync_AfterAppends_ReturnsEntriesInOrderWithDatabaseSequences()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);
        LedgerEntry[] entries =
        [
            Entry(LedgerEntryKind.Order, "acc1", "btc_ema_prod-1") with { Price = 101.25m, Detail = "btc_ema_prod@3" },
            Entry(LedgerEntryKind.Fill, "acc1", "btc_ema_prod-1") with { Price = 101.3000m, Fee = 0.0101300m },
            Entry(LedgerEntryKind.Control, "acc1", null) with { RunnerId = null, Symbol = null, Side = null, Quantity = null, Detail = "kill switch Halted: test" },
        ];

        var stored = new List<LedgerEntry>();
        foreach (var entry in entries)
        {
            stored.Add(await sut.AppendAsync(entry));
        }

        var read = await ReadAllAsync(sut);

        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Sequence));
        Assert.Equal(stored, read);
        Assert.Equal(entries.Select((e, i) => e with { Sequence = i + 1 }), read);
    }

    [PostgresFact]
    public async Task AppendAsync_SecondFillOfOneClientOrderIdOnOneAccount_ThrowsDuplicateFillExceptionNamingThem()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);
        await sut.AppendAsync(Entry(LedgerEntryKind.Order, "acc1", "eth_rsi_test-7"));
        await sut.AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", "eth_rsi_test-7"));

        var error = await Assert.ThrowsAsync<DuplicateFillException>(async () => await sut.AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", "eth_rsi_test-7")));

        Assert.Equal(("acc1", "eth_rsi_test-7"), (error.Account, error.ClientOrderId));
        Assert.Contains("'eth_rsi_test-7'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'acc1'", error.Message, StringComparison.Ordinal);
        var read = await ReadAllAsync(sut);
        Assert.Equal([LedgerEntryKind.Order, LedgerEntryKind.Fill], read.Select(e => e.Kind));
        Assert.Equal(0, sut.Retries);

        // The refused append rolled its sequence back: the next entry follows without a gap.
        var next = await sut.AppendAsync(Entry(LedgerEntryKind.Denial, "acc1", "eth_rsi_test-8"));
        Assert.Equal(3, next.Sequence);
    }

    [PostgresFact]
    public async Task AppendAsync_SameClientOrderIdFilledOnTwoAccounts_StoresBoth()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);

        await sut.AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", "sol_macd_prod-1"));
        await sut.AppendAsync(Entry(LedgerEntryKind.Fill, "acc2", "sol_macd_prod-1"));

        Assert.Equal(["acc1", "acc2"], (await ReadAllAsync(sut)).Select(e => e.Account));
    }

    [PostgresFact]
    public async Task AppendAsync_SecondOrderOfOneClientOrderIdOnOneAccount_ThrowsDuplicateClientOrderIdException()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);
        await sut.AppendAsync(Entry(LedgerEntryKind.Order, "acc1", "btc_ema-5") with { Detail = "btc_ema#3@live-1-a" });
        await sut.AppendAsync(Entry(LedgerEntryKind.Order, "acc2", "btc_ema-5"));

        var error = await Assert.ThrowsAsync<DuplicateClientOrderIdException>(async () =>
            await sut.AppendAsync(Entry(LedgerEntryKind.Order, "acc1", "btc_ema-5") with { Detail = "btc_ema#4@live-2-b" }));

        Assert.Equal(("acc1", "btc_ema-5"), (error.Account, error.ClientOrderId));
        Assert.Equal(["btc_ema#3@live-1-a", null], (await ReadAllAsync(sut)).Select(e => e.Detail));
    }

    [PostgresFact]
    public async Task AppendAsync_ServerEndedTheConnection_RetriesAndStoresTheEntryOnce()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);
        await sut.AppendAsync(Entry(LedgerEntryKind.Order, "acc1", "btc_ema_prod-1"));
        Assert.True(await db.TerminateConnectionsAsync() > 0, "the ledger's pooled connection should have been open");

        var stored = await sut.AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", "btc_ema_prod-1"));

        Assert.True(sut.Retries >= 1, $"expected a retry after the server ended the connection, saw {sut.Retries}");
        Assert.Equal(2, stored.Sequence);
        Assert.Equal([1L, 2L], (await ReadAllAsync(sut)).Select(e => e.Sequence));
    }

    [PostgresFact]
    public async Task AppendAsync_NonTransientError_SurfacesAtOnceWithoutRetry()
    {
        await using var db = await MigratedAsync();
        await using var sut = new PostgresLedger(db.ConnectionString, FastRetry);

        // A kind the table's CHECK constraint does not know: a real server error that is not transient.
        var error = await Assert.ThrowsAsync<PostgresException>(async () => await sut.AppendAsync(Entry((LedgerEntryKind)42, "acc1", "x-1")));

        Assert.False(error.IsTransient);
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(0, sut.Retries);
    }

    [PostgresFact]
    public async Task LedgerTable_UpdateDeleteOrTruncate_AreRefusedByTheDatabase()
    {
        await using var db = await MigratedAsync();
        await using var ledger = new PostgresLedger(db.ConnectionString, FastRetry);
        await ledger.AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", "btc_ema_prod-1"));

        string[] changes = ["UPDATE hive_ledger SET price = 1", "DELETE FROM hive_ledger", "TRUNCATE hive_ledger"];
        foreach (var sql in changes)
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync(sql));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Single(await ReadAllAsync(ledger));
    }

    [PostgresFact]
    public async Task AppendAsync_TwoLedgersAppendingAtOnce_SequencesAreGapFreeAndUnique()
    {
        await using var db = await MigratedAsync();
        await using var a = new PostgresLedger(db.ConnectionString, FastRetry);
        await using var b = new PostgresLedger(db.ConnectionString, FastRetry);

        var appends = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            (await (i % 2 == 0 ? a : b).AppendAsync(Entry(LedgerEntryKind.Fill, "acc1", $"r-{i}"))).Sequence)).ToArray();
        var sequences = await Task.WhenAll(appends).Within();

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), sequences.Order());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), (await ReadAllAsync(a)).Select(e => e.Sequence));
    }

    private static async Task<PostgresServer> MigratedAsync()
    {
        var db = await PostgresServer.CreateDatabaseAsync();
        await new PostgresMigrator(db.ConnectionString).MigrateAsync();
        return db;
    }

    private static LedgerEntry Entry(LedgerEntryKind kind, string account, string? clientOrderId) =>
        new(0, 1_764_547_200_000, kind, account, "btc_ema_prod", clientOrderId, "BTCUSDT", "Buy", 0.5m, null, null, null);

    private static async Task<List<LedgerEntry>> ReadAllAsync(PostgresLedger ledger)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }
}
