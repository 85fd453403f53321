using Hive.Binance.Streams;

namespace Hive.Binance.OrderBook;

/// <summary>
/// Keeps a <see cref="LocalOrderBook"/> in step with a diff depth stream as Binance documents it: diffs are buffered
/// until a REST snapshot arrives; buffered diffs with <c>u</c> ≤ <c>lastUpdateId</c> are dropped; the first diff applied
/// must satisfy <c>U</c> ≤ <c>lastUpdateId</c> + 1 ≤ <c>u</c>; each later diff must start where the previous one ended
/// (<c>U</c> = previous <c>u</c> + 1, or <c>pu</c> = previous <c>u</c> on futures streams); anything else is a gap and the
/// book waits for a new snapshot. Not thread-safe; the owner serializes calls.
/// </summary>
public sealed class OrderBookSynchronizer
{
    private readonly List<BufferedDiff> _buffer = [];
    private bool _synced;
    private bool _firstAfterSnapshot;

    /// <summary>Creates a synchronizer for <paramref name="symbol"/>, waiting for a snapshot.</summary>
    public OrderBookSynchronizer(string symbol) => Book = new LocalOrderBook(symbol);

    /// <summary>The book; meaningful while <see cref="IsSynced"/>.</summary>
    public LocalOrderBook Book { get; }

    /// <summary>Whether the book reflects the stream.</summary>
    public bool IsSynced => _synced;

    /// <summary>Diffs waiting for a snapshot.</summary>
    public int BufferedCount => _buffer.Count;

    /// <summary>How many gaps were detected.</summary>
    public long Gaps { get; private set; }

    /// <summary>Handles one diff.</summary>
    public OrderBookSyncResult OnDiff(in BinanceDepthUpdate diff, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        if (!_synced)
        {
            _buffer.Add(new BufferedDiff(diff, bids.ToArray(), asks.ToArray()));
            return OrderBookSyncResult.Buffered;
        }

        var result = ApplyLive(diff, bids, asks);
        if (result == OrderBookSyncResult.Gap)
        {
            // The diff that revealed the gap is newer than the book and may be the first after the next snapshot.
            _buffer.Add(new BufferedDiff(diff, bids.ToArray(), asks.ToArray()));
        }

        return result;
    }

    /// <summary>Loads a REST snapshot and replays the buffered diffs onto it.</summary>
    public OrderBookSyncResult OnSnapshot(long lastUpdateId, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        _buffer.RemoveAll(d => d.Header.FinalUpdateId <= lastUpdateId);
        if (_buffer.Count > 0 && _buffer[0].Header.FirstUpdateId > lastUpdateId + 1)
        {
            return OrderBookSyncResult.SnapshotTooOld;
        }

        Book.LoadSnapshot(lastUpdateId, bids, asks);
        _synced = true;
        _firstAfterSnapshot = true;
        var pending = _buffer.ToArray();
        _buffer.Clear();
        for (var i = 0; i < pending.Length; i++)
        {
            if (ApplyLive(pending[i].Header, pending[i].Bids, pending[i].Asks) == OrderBookSyncResult.Gap)
            {
                // Keep the rest: they are newer than the book and wait for the next snapshot.
                _buffer.AddRange(pending.AsSpan(i));
                return OrderBookSyncResult.Gap;
            }
        }

        return OrderBookSyncResult.Applied;
    }

    /// <summary>Forgets the book and the buffer (after a reconnect the stream starts afresh).</summary>
    public void Reset()
    {
        _buffer.Clear();
        _synced = false;
        Book.Clear();
    }

    private OrderBookSyncResult ApplyLive(in BinanceDepthUpdate diff, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        var last = Book.LastUpdateId;
        if (diff.FinalUpdateId <= last)
        {
            return OrderBookSyncResult.Stale;
        }

        bool inSequence;
        if (_firstAfterSnapshot)
        {
            inSequence = diff.FirstUpdateId <= last + 1 && last + 1 <= diff.FinalUpdateId;
        }
        else if (diff.PreviousFinalUpdateId >= 0)
        {
            inSequence = diff.PreviousFinalUpdateId == last;
        }
        else
        {
            inSequence = diff.FirstUpdateId == last + 1;
        }

        if (!inSequence)
        {
            _synced = false;
            Gaps++;
            return OrderBookSyncResult.Gap;
        }

        _firstAfterSnapshot = false;
        Book.Apply(bids, asks, diff.FinalUpdateId);
        return OrderBookSyncResult.Applied;
    }

    private readonly record struct BufferedDiff(BinanceDepthUpdate Header, PriceLevel[] Bids, PriceLevel[] Asks);
}
