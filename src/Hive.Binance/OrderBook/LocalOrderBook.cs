using System.Runtime.InteropServices;

namespace Hive.Binance.OrderBook;

/// <summary>
/// The price levels of one symbol, bids best (highest) first and asks best (lowest) first, kept in sorted arrays so
/// that applying a diff allocates nothing once the arrays have grown. Not thread-safe; the owner serializes access.
/// </summary>
public sealed class LocalOrderBook
{
    private readonly List<PriceLevel> _bids = new(1024);
    private readonly List<PriceLevel> _asks = new(1024);

    /// <summary>Creates an empty book.</summary>
    public LocalOrderBook(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        Symbol = symbol;
    }

    /// <summary>Symbol, upper case.</summary>
    public string Symbol { get; }

    /// <summary>Update id of the last snapshot or diff applied.</summary>
    public long LastUpdateId { get; private set; }

    /// <summary>Bids, highest price first.</summary>
    public ReadOnlySpan<PriceLevel> Bids => CollectionsMarshal.AsSpan(_bids);

    /// <summary>Asks, lowest price first.</summary>
    public ReadOnlySpan<PriceLevel> Asks => CollectionsMarshal.AsSpan(_asks);

    /// <summary>The best bid, or <c>default</c> when there is none.</summary>
    public PriceLevel BestBid => _bids.Count > 0 ? _bids[0] : default;

    /// <summary>The best ask, or <c>default</c> when there is none.</summary>
    public PriceLevel BestAsk => _asks.Count > 0 ? _asks[0] : default;

    /// <summary>Replaces the book with a REST snapshot.</summary>
    public void LoadSnapshot(long lastUpdateId, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        _bids.Clear();
        _asks.Clear();
        foreach (var level in bids)
        {
            Set(_bids, level, descending: true);
        }

        foreach (var level in asks)
        {
            Set(_asks, level, descending: false);
        }

        LastUpdateId = lastUpdateId;
    }

    /// <summary>Applies a diff: each level sets the absolute quantity at its price, 0 removes the price.</summary>
    public void Apply(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, long finalUpdateId)
    {
        foreach (var level in bids)
        {
            Set(_bids, level, descending: true);
        }

        foreach (var level in asks)
        {
            Set(_asks, level, descending: false);
        }

        LastUpdateId = finalUpdateId;
    }

    /// <summary>Empties the book (it is out of sync until the next snapshot).</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        LastUpdateId = 0;
    }

    private static void Set(List<PriceLevel> side, PriceLevel level, bool descending)
    {
        var lo = 0;
        var hi = side.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var price = side[mid].Price;
            if (price == level.Price)
            {
                if (level.Quantity == 0)
                {
                    side.RemoveAt(mid);
                }
                else
                {
                    side[mid] = level;
                }

                return;
            }

            var before = descending ? price > level.Price : price < level.Price;
            if (before)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (level.Quantity != 0)
        {
            side.Insert(lo, level);
        }
    }
}
