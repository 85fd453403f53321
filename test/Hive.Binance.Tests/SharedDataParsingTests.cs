using Hive.Binance.OrderBook;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Testing;

namespace Hive.Binance.Tests;

/// <summary>
/// Oracle checks against real payloads captured from Binance (../shared/data/binance): every field the connector models
/// is read with the value in the file. Execution reports and the other REST payloads are checked
/// field by field in <see cref="SharedDataPayloadTests"/>.
/// </summary>
public sealed class SharedDataParsingTests
{
    [SharedDataTheory]
    [InlineData("ws_spot_kline_documented.json")]
    [InlineData("ws_spot_ticker_book.json")]
    [InlineData("ws_futures_book_ticker.json")]
    [InlineData("ws_spot_trade.json")]
    [InlineData("ws_spot_agg_trade.json")]
    [InlineData("ws_futures_depth_diff_update.json")]
    [InlineData("ws_futures_depth_update.json")]
    [InlineData("ws_spot_ticker_24hr.json")]
    public void Parse_CapturedStreamPayload_ReproducesEveryField(string file)
    {
        var sut = new BinanceStreamParser();

        var kind = sut.Parse(File.ReadAllBytes(SharedData.PathOf("binance", file)));

        switch (file)
        {
            case "ws_spot_kline_documented.json":
                Assert.Equal(BinanceStreamEventKind.Kline, kind);
                Assert.Equal(
                    new BinanceKline("BNBBTC", "1m", 1672515782136, 1672515780000, 1672515839999, 100, 200, 0.0010, 0.0020, 0.0025, 0.0015, 1000, 100, false, 1.0000, 500, 0.500),
                    sut.Kline);
                break;
            case "ws_spot_ticker_book.json":
                Assert.Equal(BinanceStreamEventKind.BookTicker, kind);
                Assert.Equal(new BinanceBookTicker("ETHUSDT", 12711621188, 4507.24, 2.3595, 4507.25, 2.8457, 1646199228123, 1646199228121), sut.BookTicker);
                break;
            case "ws_futures_book_ticker.json":
                Assert.Equal(BinanceStreamEventKind.BookTicker, kind);
                Assert.Equal(new BinanceBookTicker("BNBUSDT", 400900217, 25.3519, 31.21, 25.3652, 40.66, 1568014460893, 1568014460891), sut.BookTicker);
                break;
            case "ws_spot_trade.json":
                Assert.Equal(BinanceStreamEventKind.Trade, kind);
                Assert.Equal(new BinanceTrade("ETHUSDT", 1639351062244, 705291099, 4149.74, 0.4387, 7038593583, 7038593613, 1639351062243, true), sut.Trade);
                break;
            case "ws_spot_agg_trade.json":
                Assert.Equal(BinanceStreamEventKind.AggTrade, kind);
                Assert.Equal(new BinanceAggTrade("ETHUSDT", 1675759520848, 226532, 1632.46, 0.34305, 228423, 228423, 1675759520847, false), sut.AggTrade);
                break;
            case "ws_futures_depth_diff_update.json":
                Assert.Equal(BinanceStreamEventKind.DepthUpdate, kind);
                Assert.Equal(new BinanceDepthUpdate("BTCUSDT", 123456789, 123456788, 157, 160, 149), sut.Depth);
                Assert.Equal([new PriceLevel(0.0024, 10)], sut.Bids.ToArray());
                Assert.Equal([new PriceLevel(0.0026, 100)], sut.Asks.ToArray());
                break;
            case "ws_futures_depth_update.json":
                Assert.Equal(BinanceStreamEventKind.DepthUpdate, kind);
                Assert.Equal(new BinanceDepthUpdate("BTCUSDT", 1571889248277, 1571889248276, 390497796, 390497878, 390497794), sut.Depth);
                Assert.Equal(
                    [new PriceLevel(7403.89, 0.002), new PriceLevel(7403.90, 3.906), new PriceLevel(7404.00, 1.428), new PriceLevel(7404.85, 5.239), new PriceLevel(7405.43, 2.562)],
                    sut.Bids.ToArray());
                Assert.Equal(
                    [new PriceLevel(7405.96, 3.340), new PriceLevel(7406.63, 4.525), new PriceLevel(7407.08, 2.475), new PriceLevel(7407.15, 4.800), new PriceLevel(7407.20, 0.175)],
                    sut.Asks.ToArray());
                break;
            case "ws_spot_ticker_24hr.json":
                Assert.Equal(BinanceStreamEventKind.Ticker24h, kind);
                Assert.Equal(
                    new BinanceTicker24h("BNBBTC", 123456789, 0.0015, 250.00, 0.0018, 0.0009, 0.0025, 10, 0.0024, 10, 0.0026, 100, 0.0010, 0.0025, 0.0010, 10000, 18, 0, 86400000, 0, 18150, 18151),
                    sut.Ticker24h);
                break;
            default:
                Assert.Fail("no expectation for " + file);
                break;
        }
    }

    [SharedDataFact]
    public void ParseKlines_CapturedSpotKlines_KeepsEveryFieldAsSent()
    {
        var sut = BinanceRestClient.ParseKlines(File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_klines.json")));

        Assert.Equal(10, sut.Count);
        Assert.Equal(
            "1634943780000,60685.22000000,60729.84000000,60670.90000000,60719.27000000,21.63272000,1634943839999,1313200.01340410,617,12.28492000,745719.41022840,0",
            sut[0].ToArchiveLine());
        Assert.Equal(
            "1634944320000,60739.85000000,60739.85000000,60739.85000000,60739.85000000,0.04734000,1634944379999,2875.42449900,7,0.04734000,2875.42449900,0",
            sut[9].ToArchiveLine());
        var candle = sut[0].ToCandle("BTCUSDT");
        Assert.Equal((1634943780000L, 1634943839999L, 60685.22, 60729.84, 60670.90, 60719.27, 21.63272), (candle.OpenTime, candle.CloseTime, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
    }

    [SharedDataFact]
    public void ParseKlines_CapturedFuturesKlines_KeepsEveryFieldAsSent()
    {
        var sut = BinanceRestClient.ParseKlines(File.ReadAllBytes(SharedData.PathOf("binance", "http_futures_market_klines.json")));

        var row = Assert.Single(sut);
        Assert.Equal(
            "1499040000000,0.01634790,0.80000000,0.01575800,0.01577100,148976.11427815,1499644799999,2434.19055334,308,1756.87402397,28.46694368,17928899.62484339",
            row.ToArchiveLine());
    }

    [SharedDataFact]
    public void ParseOrderBook_CapturedDepth_ReadsEveryLevel()
    {
        var sut = BinanceRestClient.ParseOrderBook(File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_depth.json")));

        Assert.Equal(14527958487, sut.LastUpdateId);
        Assert.Equal(10, sut.Bids.Length);
        Assert.Equal(10, sut.Asks.Length);
        Assert.Equal(new PriceLevel(60650.00, 0.00213), sut.Bids[0]);
        Assert.Equal(new PriceLevel(60639.93, 0.07282), sut.Bids[9]);
        Assert.Equal(new PriceLevel(60650.01, 0.61982), sut.Asks[0]);
        Assert.Equal(new PriceLevel(60659.94, 0.96170), sut.Asks[9]);
    }

    [SharedDataFact]
    public void ParseExchangeInfo_CapturedSpot_ReadsFilters()
    {
        var sut = BinanceRestClient.ParseExchangeInfo(File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_exchange_info.json")));

        Assert.Equal(1634942465856, sut.ServerTime);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], sut.Symbols.Select(s => s.Symbol));
        var btc = sut.Find("btcusdt")!;
        Assert.Equal(("TRADING", "BTC", "USDT"), (btc.Status, btc.BaseAsset, btc.QuoteAsset));
        Assert.Equal(new BinancePriceFilter(0.01m, 1000000m, 0.01m), btc.PriceFilter);
        Assert.Equal(new BinanceLotSizeFilter(0.00001m, 9000m, 0.00001m), btc.LotSize);
        Assert.Equal(new BinanceLotSizeFilter(0m, 112.21108820m, 0m), btc.MarketLotSize);
        Assert.Equal(new BinanceNotionalFilter(10m, null, true, false), btc.Notional);
        Assert.Equal(new BinanceLotSizeFilter(0.0001m, 9000m, 0.0001m), sut.Find("ETHUSDT")!.LotSize);
    }

    [SharedDataFact]
    public void ParseExchangeInfo_CapturedFutures_ReadsFiltersIncludingNotional()
    {
        var sut = BinanceRestClient.ParseExchangeInfo(File.ReadAllBytes(SharedData.PathOf("binance", "http_futures_market_exchange_info.json")));

        var first = sut.Symbols[0];
        Assert.Equal(new BinancePriceFilter(402m, 1246396.60m, 0.10m), first.PriceFilter);
        Assert.Equal(new BinanceLotSizeFilter(0.001m, 1000m, 0.001m), first.LotSize);
        Assert.Equal(10m, first.Notional!.MinNotional);
    }
}
