namespace Hive.Grains.Ledger;

/// <summary>
/// The append-only record of orders, fills, denials and fencing rejections. An entry is durable when
/// <see cref="AppendAsync"/> completes. Implementations: a file per data directory (embedded default); PostgreSQL later.
/// </summary>
public interface ILedger
{
    /// <summary>Appends <paramref name="entry"/> (its <see cref="LedgerEntry.Sequence"/> is assigned here) and returns it as stored.</summary>
    ValueTask<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Reads every entry in order.</summary>
    IAsyncEnumerable<LedgerEntry> ReadAllAsync(CancellationToken cancellationToken = default);
}
