using Hive.Binance.OrderBook;
using Hive.Binance.Streams;
using Hive.Binance.Testing;
using Hive.Trading.Market;

namespace Hive.Binance.Tests.Streams;

public sealed class BinanceMarketStreamTests
{
    private const string KlineStream = "btcusdt@kline_1m";

    [Fact]
    public async Task Events_DroppedConnection_ReportsGapAndDeliversNoDuplicateClosedCandle()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = new BinanceMarketStream([KlineStream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(KlineStream);
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 0, closed: true));
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 60_000, closed: false));
        var before = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Candle && e.Candle.OpenTime == 60_000, "the forming candle");

        server.DropConnections();
        await Wait.UntilAsync(() => server.TotalConnections >= 2 && server.SubscriberCount(KlineStream) == 1 && server.OpenConnections == 1, "the client reconnected");
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 0, closed: true));
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 60_000, closed: true));
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 60_000, closed: true));
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 120_000, closed: true));
        var after = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Candle && e.Candle.OpenTime == 120_000, "the candle after the reconnect");

        var gap = Assert.Single(after, e => e.Kind == MarketEventKind.Gap);
        Assert.Equal("BTCUSDT", gap.Symbol);
        Assert.Contains("reconnected", gap.GapReason, StringComparison.Ordinal);
        Assert.Equal(MarketEventKind.Gap, after[0].Kind);
        var closed = before.Concat(after).Where(e => e.Kind == MarketEventKind.Candle && e.Candle.IsClosed).Select(e => e.Candle.OpenTime);
        Assert.Equal([0L, 60_000L, 120_000L], closed);
        Assert.Equal(2, sut.DuplicateCandlesDropped);
        Assert.Equal(1, sut.Reconnects);
    }

    [Fact]
    public async Task Events_ReconnectRefusedSeveralTimes_BacksOffUntilAcceptedThenReportsGap()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = new BinanceMarketStream([KlineStream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(KlineStream);

        server.RejectNextConnections(3);
        server.DropConnections();
        await Wait.UntilAsync(() => server.SubscriberCount(KlineStream) == 1 && server.TotalConnections == 2, "the client got back in");
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 0, closed: true));
        var events = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Candle, "a candle after the refusals");

        Assert.Equal(3, server.RejectedConnections);
        Assert.Equal(3, sut.ConnectFailures);
        Assert.Equal(MarketEventKind.Gap, events[0].Kind);
    }

    [Fact]
    public async Task Events_ServerShutdown_ReconnectsReportsGapAndKeepsStreaming()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = new BinanceMarketStream([KlineStream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(KlineStream);
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 0, closed: true));
        await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Candle, "the first candle");

        await server.SendServerShutdownAsync();
        await Wait.UntilAsync(() => server.TotalConnections >= 2 && server.SubscriberCount(KlineStream) == 1 && server.OpenConnections == 1, "the client moved to a new connection");
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 0, closed: true));
        await server.PublishAsync(KlineStream, Payloads.Kline("BTCUSDT", 60_000, closed: true));
        var after = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Candle && e.Candle.OpenTime == 60_000, "the candle after serverShutdown");

        Assert.Equal(2, after.Count);
        Assert.Equal(MarketEventKind.Gap, after[0].Kind);
        Assert.Contains("serverShutdown", after[0].GapReason, StringComparison.Ordinal);
        Assert.Equal(1, sut.DuplicateCandlesDropped);
    }

    [Fact]
    public async Task Events_MalformedFrames_AreCountedAndSkippedWithoutReconnecting()
    {
        const string stream = "ethusdt@trade";
        await using var server = await FakeBinanceServer.StartAsync();
        await using var sut = new BinanceMarketStream([stream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(stream);

        await server.PublishAsync(stream, Payloads.Trade("ETHUSDT", 1, 2000));
        await server.SendRawAsync("this is not json");
        await server.SendRawAsync("""{"stream":"ethusdt@trade","data":{"e":"trade","s":"ETHUSDT","t":2,"p":"oops","q":"1","T":1}}""");
        await server.SendRawAsync("""{"e":"trade","E":1,"s":"ETHUSDT","t":3""");
        await server.PublishAsync(stream, Payloads.Trade("ETHUSDT", 4, 2001));
        var events = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Trade && e.Trade.TradeId == 4, "the trade after the malformed frames");

        Assert.Equal([1L, 4L], events.Select(e => e.Trade.TradeId));
        Assert.Equal(2001, events[1].Trade.Price);
        Assert.Equal(3, sut.MalformedMessages);
        Assert.Equal(1, server.TotalConnections);
        Assert.Equal(0, sut.Reconnects);
    }

    [Fact]
    public async Task Connection_ServerPings_ClientPongsAndTheConnectionSurvives()
    {
        const string stream = "ethusdt@trade";
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceServerOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(50),
            PongTimeout = TimeSpan.FromSeconds(5),
        });
        await using var sut = new BinanceMarketStream([stream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(stream);

        await Wait.UntilAsync(() => server.PongsReceived >= 3, "the server saw three pongs");
        await server.PublishAsync(stream, Payloads.Trade("ETHUSDT", 7, 2000));
        var events = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Trade, "a trade after the pings");

        Assert.Equal(7, events[^1].Trade.TradeId);
        Assert.Equal(1, server.TotalConnections);
        Assert.DoesNotContain(events, e => e.Kind == MarketEventKind.Gap);
    }

    [Fact]
    public async Task Start_MoreStreamsThanAConnectionCarries_SplitsConnectionsAndSubscribesTheRestByMessage()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var options = server.ClientOptions();
        options.MaxStreamsPerConnection = 2;
        options.MaxStreamUrlLength = server.StreamUrl.ToString().Length + 30;
        string[] streams = ["btcusdt@trade", "ethusdt@trade", "bnbusdt@trade", "xrpusdt@trade", "solusdt@trade"];
        await using var sut = new BinanceMarketStream(streams, options);

        sut.Start();
        foreach (var stream in streams)
        {
            await server.WaitForSubscribersAsync(stream);
        }

        await server.PublishAsync("solusdt@trade", Payloads.Trade("SOLUSDT", 9, 150));
        await server.PublishAsync("ethusdt@trade", Payloads.Trade("ETHUSDT", 10, 150));
        var events = new List<MarketEvent>();
        events.AddRange(await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Trade, "the first trade"));
        events.AddRange(await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Trade, "the second trade"));

        Assert.Equal(3, sut.ConnectionCount);
        Assert.Equal(3, server.OpenConnections);
        Assert.All(server.ConnectionStreams, s => Assert.InRange(s.Count, 1, 2));
        Assert.Contains(server.ClientMessages, m => m.Contains("\"SUBSCRIBE\"", StringComparison.Ordinal) && m.Contains("ethusdt@trade", StringComparison.Ordinal));
        Assert.Equal(sut.OutgoingMessages, server.ClientMessages.Count);
        Assert.Equal(["ETHUSDT", "SOLUSDT"], events.Select(e => e.Symbol).Order());
    }

    [Fact]
    public async Task Start_SingleStreamOnRawEndpoint_ParsesUnwrappedMessages()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var options = server.ClientOptions();
        options.UseRawStreamForSingleStream = true;
        await using var sut = new BinanceMarketStream(["bnbusdt@bookTicker"], options);
        sut.Start();
        await server.WaitForSubscribersAsync("bnbusdt@bookTicker");

        await server.PublishAsync("bnbusdt@bookTicker", """{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""");
        var events = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Quote, "a quote");

        Assert.Equal(new Quote("BNBUSDT", events[^1].Quote.Timestamp, 25.3519, 31.21, 25.3652, 40.66), events[^1].Quote);
        Assert.DoesNotContain(server.ClientMessages, m => m.Contains("SUBSCRIBE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrderBook_MissedDiff_ReportsGapAndResyncsFromANewSnapshot()
    {
        const string stream = "btcusdt@depth@100ms";
        await using var server = await FakeBinanceServer.StartAsync();
        var snapshot = """{"lastUpdateId":100,"bids":[["10.00","1.0"]],"asks":[["11.00","1.0"]]}""";
        server.SetDepthSnapshot("BTCUSDT", () => Volatile.Read(ref snapshot));
        await using var sut = new BinanceMarketStream([stream], server.ClientOptions());
        sut.Start();
        await server.WaitForSubscribersAsync(stream);

        await server.PublishAsync(stream, Payloads.Depth("BTCUSDT", 95, 101, """[["10.00","2.0"]]""", "[]"));
        await Wait.UntilAsync(() => sut.ReadOrderBook("BTCUSDT", b => b.LastUpdateId) == 101, "the book synced at 101");
        await server.PublishAsync(stream, Payloads.Depth("BTCUSDT", 102, 103, "[]", """[["11.00","3.0"]]"""));
        await Wait.UntilAsync(() => sut.ReadOrderBook("BTCUSDT", b => b.LastUpdateId) == 103, "the diff 102-103 applied");

        Volatile.Write(ref snapshot, """{"lastUpdateId":110,"bids":[["10.00","7.0"]],"asks":[["11.00","8.0"]]}""");
        await server.PublishAsync(stream, Payloads.Depth("BTCUSDT", 105, 106, """[["10.00","5.0"]]""", "[]"));
        var gapEvents = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Gap, "the resync gap");
        await server.PublishAsync(stream, Payloads.Depth("BTCUSDT", 109, 111, """[["9.00","1.0"]]""", "[]"));
        await Wait.UntilAsync(() => sut.ReadOrderBook("BTCUSDT", b => b.LastUpdateId) == 111, "the book resynced at 111");

        var (bids, asks) = sut.ReadOrderBook("BTCUSDT", b => (b.Bids.ToArray(), b.Asks.ToArray()));
        Assert.Equal([new PriceLevel(10, 7), new PriceLevel(9, 1)], bids);
        Assert.Equal([new PriceLevel(11, 8)], asks);
        Assert.Contains("order book resync", gapEvents[^1].GapReason, StringComparison.Ordinal);
        Assert.Equal(1, sut.OrderBookResyncs);
        Assert.Equal(2, server.CountRequests("GET", "/api/v3/depth"));
    }

    [Fact]
    public async Task Connection_LifetimeReached_RotatesAndReportsGap()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var options = server.ClientOptions();
        options.ConnectionLifetime = TimeSpan.FromMilliseconds(300);
        await using var sut = new BinanceMarketStream([KlineStream], options);
        sut.Start();

        var events = await Events.ReadUntilAsync(sut.Events, e => e.Kind == MarketEventKind.Gap, "a rotation gap");

        Assert.Contains("rotated", events[^1].GapReason, StringComparison.Ordinal);
        Assert.True(server.TotalConnections >= 2);
    }

    [Fact]
    public async Task ReadAsync_MarketDataSource_DeliversOnlyClosedCandlesOfTheSymbols()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var sut = new BinanceMarketDataSource(["ethusdt"], server.ClientOptions(), "1m");
        using var cancel = new CancellationTokenSource(Wait.Deadline);
        await using var reader = sut.ReadAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = reader.MoveNextAsync();

        await server.WaitForSubscribersAsync("ethusdt@kline_1m");
        await server.PublishAsync("ethusdt@kline_1m", Payloads.Kline("ETHUSDT", 0, closed: false));
        await server.PublishAsync("ethusdt@kline_1m", Payloads.Kline("ETHUSDT", 0, closed: true, close: 101.25));

        Assert.True(await first);
        Assert.Equal(["ETHUSDT"], sut.Symbols);
        Assert.Equal(MarketEventKind.Candle, reader.Current.Kind);
        Assert.True(reader.Current.Candle.IsClosed);
        Assert.Equal(101.25, reader.Current.Candle.Close);
        await cancel.CancelAsync();
    }
}
