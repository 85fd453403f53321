using System.Text.Json;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Testing;

namespace Hive.Binance.Tests;

/// <summary>
/// Oracle checks of the user data stream and REST payloads captured in ../shared/data/binance: every property of the
/// file must be covered by a field map and equal the parsed value.
/// </summary>
public sealed class SharedDataPayloadTests
{
    private static readonly string[] ExecutionReportFiles =
    [
        "binance_us", "calculated", "canceled", "custom_client_id", "empty_client_id", "expired", "new",
        "new_limit_if_touched_price_match", "new_price_match", "new_stop_limit_price_match", "pending_cancel", "rejected",
        "trade", "trade_l_zero", "trade_l_zero_canceled", "trade_l_zero_expired", "trade_l_zero_new", "trade_l_zero_partial",
        "trade_prevention",
    ];

    public static TheoryData<string> ExecutionReports => new(ExecutionReportFiles.Select(f => $"ws_spot_execution_report_{f}.json"));

    [SharedDataTheory]
    [MemberData(nameof(ExecutionReports))]
    public void Parse_CapturedExecutionReport_ReproducesEveryField(string file)
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", file));
        var sut = new BinanceStreamParser();

        var kind = sut.Parse(bytes);

        Assert.True(kind == BinanceStreamEventKind.ExecutionReport, $"{file}: {kind} {sut.LastError}");
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var data = root.TryGetProperty("data", out var d) ? d : root;
        if (root.TryGetProperty("stream", out var stream))
        {
            Assert.Equal("executionReport", stream.GetString());
        }

        FieldMap.AssertObject(data, sut.ExecutionReport!, ExecutionReportMap.Fields, file);
    }

    [SharedDataFact]
    public void ExecutionReportFiles_AllCapturedFiles_AreListed()
    {
        var present = Directory.GetFiles(SharedData.PathOf("binance"), "ws_spot_execution_report_*.json").Select(Path.GetFileName).Order();

        Assert.Equal(ExecutionReportFiles.Select(f => $"ws_spot_execution_report_{f}.json").Order(), present);
    }

    [SharedDataFact]
    public void Parse_CapturedTicker24h_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "ws_spot_ticker_24hr.json"));
        var sut = new BinanceStreamParser();

        Assert.Equal(BinanceStreamEventKind.Ticker24h, sut.Parse(bytes));

        using var document = JsonDocument.Parse(bytes);
        var t = sut.Ticker24h;
        var map = new Dictionary<string, Func<BinanceTicker24h, object?>>
        {
            ["e"] = _ => "24hrTicker", ["E"] = x => x.EventTime, ["s"] = x => x.Symbol, ["p"] = x => x.PriceChange,
            ["P"] = x => x.PriceChangePercent, ["w"] = x => x.WeightedAveragePrice, ["x"] = x => x.FirstTradeBeforeWindowPrice,
            ["c"] = x => x.LastPrice, ["Q"] = x => x.LastQuantity, ["b"] = x => x.BidPrice, ["B"] = x => x.BidQuantity,
            ["a"] = x => x.AskPrice, ["A"] = x => x.AskQuantity, ["o"] = x => x.OpenPrice, ["h"] = x => x.HighPrice,
            ["l"] = x => x.LowPrice, ["v"] = x => x.BaseVolume, ["q"] = x => x.QuoteVolume, ["O"] = x => x.OpenTime,
            ["C"] = x => x.CloseTime, ["F"] = x => x.FirstTradeId, ["L"] = x => x.LastTradeId, ["n"] = x => x.TradeCount,
        };
        FieldMap.AssertObject(document.RootElement, t, map, "24hrTicker");
    }

    [SharedDataFact]
    public void ParseAccount_CapturedAccount_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_wallet_account.json"));

        var sut = BinanceRestPayloads.ParseAccount(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, sut, RestMaps.Account, "account");
        Assert.Equal(2, sut.Balances.Count);
    }

    [SharedDataTheory]
    [InlineData("http_spot_market_trades.json")]
    [InlineData("http_spot_market_historical_trades.json")]
    public void ParseTrades_CapturedTrades_ReproducesEveryField(string file)
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", file));

        var sut = BinanceRestPayloads.ParseTrades(bytes);

        using var document = JsonDocument.Parse(bytes);
        Assert.NotEmpty(sut);
        FieldMap.AssertArray(document.RootElement, sut, RestMaps.Trade, file);
    }

    [SharedDataFact]
    public void ParseAggTrades_CapturedAggTrades_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_agg_trades.json"));

        var sut = BinanceRestPayloads.ParseAggTrades(bytes);

        using var document = JsonDocument.Parse(bytes);
        Assert.NotEmpty(sut);
        FieldMap.AssertArray(document.RootElement, sut, RestMaps.AggTrade, "aggTrades");
    }

    [SharedDataFact]
    public void ParseAveragePrice_CapturedAvgPrice_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_avg_price.json"));

        var sut = BinanceRestPayloads.ParseAveragePrice(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, sut, RestMaps.AveragePrice, "avgPrice");
    }

    [SharedDataFact]
    public void ParseTickerPrice_CapturedTickerPrice_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_ticker_price.json"));

        var sut = BinanceRestPayloads.ParseTickerPrice(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, sut, RestMaps.TickerPrice, "tickerPrice");
    }

    [SharedDataFact]
    public void ParseBookTicker_CapturedBookTicker_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_book_ticker.json"));

        var sut = BinanceRestPayloads.ParseBookTicker(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, sut, RestMaps.BookTicker, "bookTicker");
    }

    [SharedDataFact]
    public void ParseServerTime_CapturedTime_ReproducesEveryField()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_time.json"));

        var sut = BinanceRestPayloads.ParseServerTime(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, sut, new Dictionary<string, Func<long, object?>> { ["serverTime"] = t => t }, "time");
    }

    [SharedDataFact]
    public void ParsePing_CapturedPing_AcceptsTheEmptyObject()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("binance", "http_spot_market_ping.json"));

        BinanceRestPayloads.ParsePing(bytes);

        using var document = JsonDocument.Parse(bytes);
        FieldMap.AssertObject(document.RootElement, 0, new Dictionary<string, Func<int, object?>>(), "ping");
    }
}
