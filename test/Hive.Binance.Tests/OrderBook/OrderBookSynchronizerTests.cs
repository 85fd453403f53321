using Hive.Binance.OrderBook;
using Hive.Binance.Streams;

namespace Hive.Binance.Tests.OrderBook;

public sealed class OrderBookSynchronizerTests
{
    private readonly OrderBookSynchronizer _sut = new("BTCUSDT");

    [Fact]
    public void OnSnapshot_BufferedDiffs_DropsOldOnesAndAppliesTheRest()
    {
        Diff(90, 95, bid: (10, 1));
        Diff(96, 101, bid: (11, 2));
        Diff(102, 104, ask: (12, 3));

        var result = _sut.OnSnapshot(100, [new PriceLevel(10, 5)], [new PriceLevel(13, 1)]);

        Assert.Equal(OrderBookSyncResult.Applied, result);
        Assert.True(_sut.IsSynced);
        Assert.Equal(104, _sut.Book.LastUpdateId);
        Assert.Equal([new PriceLevel(11, 2), new PriceLevel(10, 5)], _sut.Book.Bids.ToArray());
        Assert.Equal([new PriceLevel(12, 3), new PriceLevel(13, 1)], _sut.Book.Asks.ToArray());
    }

    [Fact]
    public void OnSnapshot_OlderThanFirstBufferedDiff_AsksForAnotherSnapshot()
    {
        Diff(105, 110, bid: (10, 1));

        var result = _sut.OnSnapshot(100, [], []);

        Assert.Equal(OrderBookSyncResult.SnapshotTooOld, result);
        Assert.False(_sut.IsSynced);
        Assert.Equal(1, _sut.BufferedCount);
    }

    [Fact]
    public void OnDiff_MissedDiff_ReportsGapAndResyncsOnNextSnapshot()
    {
        Diff(101, 101, bid: (10, 1));
        _sut.OnSnapshot(100, [], []);
        Assert.Equal(OrderBookSyncResult.Applied, Diff(102, 103, bid: (10, 2)));

        var gap = Diff(105, 106, bid: (10, 3));
        var buffered = Diff(107, 108, ask: (11, 1));
        var resync = _sut.OnSnapshot(106, [new PriceLevel(10, 3)], []);

        Assert.Equal(OrderBookSyncResult.Gap, gap);
        Assert.Equal(OrderBookSyncResult.Buffered, buffered);
        Assert.Equal(OrderBookSyncResult.Applied, resync);
        Assert.Equal(1, _sut.Gaps);
        Assert.Equal(108, _sut.Book.LastUpdateId);
        Assert.Equal([new PriceLevel(10, 3)], _sut.Book.Bids.ToArray());
        Assert.Equal([new PriceLevel(11, 1)], _sut.Book.Asks.ToArray());
    }

    [Fact]
    public void OnDiff_ZeroQuantity_RemovesTheLevel()
    {
        Diff(101, 101);
        _sut.OnSnapshot(100, [new PriceLevel(10, 1), new PriceLevel(9, 1)], []);

        Diff(102, 102, bid: (10, 0));

        Assert.Equal([new PriceLevel(9, 1)], _sut.Book.Bids.ToArray());
    }

    [Fact]
    public void OnDiff_OlderThanBook_IsStale()
    {
        Diff(101, 105);
        _sut.OnSnapshot(100, [], []);

        Assert.Equal(OrderBookSyncResult.Stale, Diff(103, 105));
    }

    [Fact]
    public void OnDiff_FuturesPreviousIdChain_UsesPu()
    {
        Diff(95, 101);
        _sut.OnSnapshot(100, [], []);

        var inSequence = _sut.OnDiff(new BinanceDepthUpdate("BTCUSDT", 0, 0, 110, 120, 101), [], []);
        var broken = _sut.OnDiff(new BinanceDepthUpdate("BTCUSDT", 0, 0, 121, 130, 119), [], []);

        Assert.Equal(OrderBookSyncResult.Applied, inSequence);
        Assert.Equal(OrderBookSyncResult.Gap, broken);
    }

    private OrderBookSyncResult Diff(long first, long final, (double Price, double Qty)? bid = null, (double Price, double Qty)? ask = null)
    {
        PriceLevel[] bids = bid is { } b ? [new PriceLevel(b.Price, b.Qty)] : [];
        PriceLevel[] asks = ask is { } a ? [new PriceLevel(a.Price, a.Qty)] : [];
        return _sut.OnDiff(new BinanceDepthUpdate("BTCUSDT", 0, 0, first, final, -1), bids, asks);
    }
}
