using System.Runtime.CompilerServices;

namespace Hive.Grains.Ledger;

/// <summary>
/// A ledger kept in memory (tests, benchmarks): the same sequencing as <see cref="FileLedger"/>, nothing survives the
/// process. Thread-safe.
/// </summary>
public sealed class InMemoryLedger : ILedger
{
    private readonly Lock _lock = new();
    private readonly List<LedgerEntry> _entries = [];

    /// <summary>The number of entries.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A copy of the entries, in order.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<LedgerEntry> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = entry with { Sequence = _entries.Count + 1 };
            _entries.Add(stored);
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
