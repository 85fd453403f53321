using System.Globalization;
using System.Runtime.CompilerServices;
using Hive.Grains.Diagnostics;
using Hive.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace Hive.Postgres;

/// <summary>
/// The ledger as the append-only table <c>hive_ledger</c> (created by <see cref="PostgresMigrator"/>): one row per entry,
/// the sequence assigned by the database (gap-free, in commit order), durable when <see cref="AppendAsync"/>
/// completes. The database refuses a second fill of one client order ID on one account
/// (<see cref="DuplicateFillException"/>) and any update or delete of a row. Any number of silos may append at once.
/// Transient errors are retried (<see cref="PostgresResilience"/>); each append carries an ID of its own, so an append
/// whose commit succeeded but whose answer was lost is found on the retry instead of being stored twice.
/// </summary>
public sealed class PostgresLedger : ILedger, IAsyncDisposable, IDisposable
{
    private const string FillIndex = "hive_ledger_one_fill_per_order";
    private const string OrderIndex = "hive_ledger_one_order_per_id";
    private const int PageSize = 4096;

    private const string AppendSql =
        """
        WITH next AS (
            UPDATE hive_ledger_head SET last_sequence = last_sequence + 1
            WHERE NOT EXISTS (SELECT 1 FROM hive_ledger WHERE append_id = @append_id)
            RETURNING last_sequence)
        INSERT INTO hive_ledger (sequence, append_id, timestamp_ms, kind, account, runner_id, client_order_id, symbol, side,
                                 quantity, price, fee, detail)
        SELECT last_sequence, @append_id, @timestamp_ms, @kind, @account, @runner_id, @client_order_id, @symbol, @side,
               @quantity, @price, @fee, @detail
        FROM next
        RETURNING sequence
        """;

    private const string FindSql = "SELECT sequence FROM hive_ledger WHERE append_id = @append_id";

    private const string ReadSql =
        """
        SELECT sequence, timestamp_ms, kind, account, runner_id, client_order_id, symbol, side, quantity, price, fee, detail
        FROM hive_ledger WHERE sequence > @after ORDER BY sequence LIMIT @limit
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;
    private int _retries;

    /// <summary>A ledger in the database <paramref name="connectionString"/> names (migrated already).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="retry">Retry of transient errors; the defaults when null.</param>
    /// <param name="logger">Where retries are reported.</param>
    public PostgresLedger(string connectionString, PostgresRetryOptions? retry = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _retry = PostgresResilience.CreatePipeline(retry, logger ?? NullLogger.Instance, _ => Interlocked.Increment(ref _retries));
    }

    /// <summary>How many times an operation was retried after a transient error (diagnostics, tests).</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <inheritdoc />
    /// <exception cref="DuplicateFillException">The entry is a second fill of its client order ID on its account.</exception>
    /// <exception cref="DuplicateClientOrderIdException">The entry is a second order record of its client order ID on its account.</exception>
    public async ValueTask<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var appendId = Guid.CreateVersion7();
        var started = HiveMetrics.Start();
        var sequence = await _retry.ExecuteAsync(
            static async (state, ct) => await state.Self.AppendOnceAsync(state.Entry, state.AppendId, ct).ConfigureAwait(false),
            (Self: this, Entry: entry, AppendId: appendId), cancellationToken).ConfigureAwait(false);
        HiveMetrics.LedgerAppendSince(started, "postgres");
        return entry with { Sequence = sequence };
    }

    /// <inheritdoc />
    /// <remarks>Reads in pages by sequence; a page that fails transiently is read again.</remarks>
    public async IAsyncEnumerable<LedgerEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long after = 0;
        while (true)
        {
            var page = await _retry.ExecuteAsync(
                static async (state, ct) => await state.Self.ReadPageAsync(state.After, ct).ConfigureAwait(false),
                (Self: this, After: after), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    private async Task<long> AppendOnceAsync(LedgerEntry entry, Guid appendId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var append = new NpgsqlCommand(AppendSql, connection))
        {
            var p = append.Parameters;
            p.Add(new NpgsqlParameter<Guid>("append_id", NpgsqlDbType.Uuid) { TypedValue = appendId });
            p.Add(new NpgsqlParameter<long>("timestamp_ms", NpgsqlDbType.Bigint) { TypedValue = entry.Timestamp });
            p.Add(Text("kind", entry.Kind.ToString()));
            p.Add(Text("account", entry.Account));
            p.Add(Text("runner_id", entry.RunnerId));
            p.Add(Text("client_order_id", entry.ClientOrderId));
            p.Add(Text("symbol", entry.Symbol));
            p.Add(Text("side", entry.Side));
            p.Add(Number("quantity", entry.Quantity));
            p.Add(Number("price", entry.Price));
            p.Add(Number("fee", entry.Fee));
            p.Add(Text("detail", entry.Detail));
            try
            {
                if (await append.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence)
                {
                    return sequence;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == FillIndex)
            {
                throw new DuplicateFillException(entry.Account, entry.ClientOrderId ?? "", e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == OrderIndex)
            {
                // The gateway's claim on a logical order: another activation recorded (and sent) it first.
                throw new DuplicateClientOrderIdException(entry.Account, entry.ClientOrderId ?? "", e);
            }
        }

        // Nothing inserted: an earlier attempt of this append committed before its connection failed.
        await using var find = new NpgsqlCommand(FindSql, connection);
        find.Parameters.Add(new NpgsqlParameter<Guid>("append_id", NpgsqlDbType.Uuid) { TypedValue = appendId });
        return await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?
            ?? throw new InvalidOperationException($"Ledger: append {appendId} was neither inserted nor found.");
    }

    private async Task<List<LedgerEntry>> ReadPageAsync(long after, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = new NpgsqlCommand(ReadSql, connection);
        read.Parameters.Add(new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = after });
        read.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = PageSize });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var page = new List<LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var sequence = reader.GetInt64(0);
            var kindText = reader.GetString(2);
            if (!Enum.TryParse<LedgerEntryKind>(kindText, ignoreCase: false, out var kind))
            {
                throw new InvalidDataException($"Ledger row {sequence.ToString(CultureInfo.InvariantCulture)}: unknown kind '{kindText}'.");
            }

            page.Add(new LedgerEntry(
                sequence,
                reader.GetInt64(1),
                kind,
                reader.GetString(3),
                TextOrNull(reader, 4),
                TextOrNull(reader, 5),
                TextOrNull(reader, 6),
                TextOrNull(reader, 7),
                NumberOrNull(reader, 8),
                NumberOrNull(reader, 9),
                NumberOrNull(reader, 10),
                TextOrNull(reader, 11)));
        }

        return page;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value };

    private static NpgsqlParameter Number(string name, decimal? value) =>
        new(name, NpgsqlDbType.Numeric) { Value = value is { } v ? v : DBNull.Value };

    private static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static decimal? NumberOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
