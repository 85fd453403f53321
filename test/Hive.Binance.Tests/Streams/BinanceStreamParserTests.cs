using System.Text;
using Hive.Binance.OrderBook;
using Hive.Binance.Streams;

namespace Hive.Binance.Tests.Streams;

public sealed class BinanceStreamParserTests
{
    private readonly BinanceStreamParser _sut = new();

    [Fact]
    public void Parse_CombinedKline_ReadsEveryField()
    {
        var message = """
            {"stream":"ethusdt@kline_5m","data":{"e":"kline","E":1700000000123,"s":"ETHUSDT","k":{"t":1699999800000,"T":1700000099999,
            "s":"ETHUSDT","i":"5m","f":11,"L":22,"o":"2000.10","c":"2001.20","h":"2002.30","l":"1999.40","v":"12.5","n":33,"x":true,
            "q":"25000.75","V":"6.25","Q":"12500.5","B":"0"}}}
            """;

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.Kline, kind);
        Assert.Equal(
            new BinanceKline("ETHUSDT", "5m", 1700000000123, 1699999800000, 1700000099999, 11, 22, 2000.10, 2001.20, 2002.30, 1999.40, 12.5, 33, true, 25000.75, 6.25, 12500.5),
            _sut.Kline);
    }

    [Fact]
    public void Parse_RawKlineWithUnknownFieldsAndDataBeforeStream_IgnoresUnknownFields()
    {
        var message = """
            {"data":{"zz":{"nested":[1,{"a":2}]},"e":"kline","E":5,"s":"BTCUSDT","k":{"t":1,"T":2,"s":"BTCUSDT","i":"1m","o":"1","c":"2",
            "h":"3","l":"0.5","v":"4","x":false,"extra":"x"},"more":null},"stream":"btcusdt@kline_1m"}
            """;

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.Kline, kind);
        Assert.Equal(("BTCUSDT", 1L, 2L, 1.0, 3.0, 0.5, 2.0, false), (_sut.Kline.Symbol, _sut.Kline.OpenTime, _sut.Kline.CloseTime, _sut.Kline.Open, _sut.Kline.High, _sut.Kline.Low, _sut.Kline.Close, _sut.Kline.IsClosed));
    }

    [Fact]
    public void Parse_RawSpotBookTickerWithoutEventType_IsRecognisedByItsFields()
    {
        var message = """{"u":400900217,"s":"bnbusdt","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""";

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.BookTicker, kind);
        Assert.Equal(new BinanceBookTicker("BNBUSDT", 400900217, 25.3519, 31.21, 25.3652, 40.66, 0, 0), _sut.BookTicker);
    }

    [Fact]
    public void Parse_Trade_ReadsEveryField()
    {
        var message = """{"e":"trade","E":123456789,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","b":88,"a":50,"T":123456785,"m":true,"M":true}""";

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.Trade, kind);
        Assert.Equal(new BinanceTrade("BNBBTC", 123456789, 12345, 0.001, 100, 88, 50, 123456785, true), _sut.Trade);
    }

    [Fact]
    public void Parse_AggTrade_ReadsEveryField()
    {
        var message = """{"e":"aggTrade","E":123456789,"s":"BNBBTC","a":12345,"p":"0.001","q":"100","f":100,"l":105,"T":123456785,"m":false,"M":true}""";

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.AggTrade, kind);
        Assert.Equal(new BinanceAggTrade("BNBBTC", 123456789, 12345, 0.001, 100, 100, 105, 123456785, false), _sut.AggTrade);
    }

    [Fact]
    public void Parse_DepthUpdate_ReadsHeaderAndLevels()
    {
        var message = """{"e":"depthUpdate","E":123456789,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"],["0.0023","0"]],"a":[["0.0026","100"]]}""";

        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.DepthUpdate, kind);
        Assert.Equal(new BinanceDepthUpdate("BNBBTC", 123456789, 0, 157, 160, -1), _sut.Depth);
        Assert.Equal([new PriceLevel(0.0024, 10), new PriceLevel(0.0023, 0)], _sut.Bids.ToArray());
        Assert.Equal([new PriceLevel(0.0026, 100)], _sut.Asks.ToArray());
    }

    [Fact]
    public void Parse_ServerShutdown_IsRecognisedWithItsTime()
    {
        var kind = _sut.Parse("""{"e":"serverShutdown","E":1700000000000}"""u8);

        Assert.Equal(BinanceStreamEventKind.ServerShutdown, kind);
        Assert.Equal(1700000000000, _sut.ShutdownTime);
    }

    [Fact]
    public void Parse_SubscribeResponse_IsAResponse()
    {
        Assert.Equal(BinanceStreamEventKind.Response, _sut.Parse("""{"result":null,"id":1}"""u8));
    }

    [Fact]
    public void Parse_OtherEventType_IsUnknownNotMalformed()
    {
        Assert.Equal(BinanceStreamEventKind.Unknown, _sut.Parse("""{"e":"outboundAccountPosition","E":1,"u":2,"B":[{"a":"BTC","f":"1","l":"0"}]}"""u8));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1,"T":2""")]
    [InlineData("""{"e":"kline","E":1,"s":"BTCUSDT"}""")]
    [InlineData("""{"e":"trade","s":"BTCUSDT","t":1,"p":"abc","q":"1","T":1}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"stream":"btcusdt@trade"}""")]
    [InlineData("""{"e":"depthUpdate","s":"BTCUSDT","U":1,"u":2,"b":[["1"]],"a":[]}""")]
    public void Parse_MalformedMessage_IsMalformedWithAReason(string message)
    {
        var kind = _sut.Parse(Encoding.UTF8.GetBytes(message));

        Assert.Equal(BinanceStreamEventKind.Malformed, kind);
        Assert.False(string.IsNullOrEmpty(_sut.LastError));
    }

    [Fact]
    public void Parse_SameSymbolTwice_ReturnsTheCachedString()
    {
        var message = Encoding.UTF8.GetBytes("""{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":true}""");
        _sut.Parse(message);
        var first = _sut.Trade.Symbol;

        _sut.Parse(message);

        Assert.Same(first, _sut.Trade.Symbol);
    }

    [Fact]
    public void Parse_WarmParser_AllocatesNothingPerMessage()
    {
        var kline = Encoding.UTF8.GetBytes("""{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1,"s":"BTCUSDT","k":{"t":1,"T":2,"s":"BTCUSDT","i":"1m","f":1,"L":2,"o":"1.5","c":"2.5","h":"3.5","l":"0.5","v":"4","n":3,"x":true,"q":"1","V":"1","Q":"1","B":"0"}}}""");
        var depth = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.5","2"],["1.4","3"]],"a":[["1.6","1"]]}""");
        _sut.Parse(kline);
        _sut.Parse(depth);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _sut.Parse(kline);
            _sut.Parse(depth);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
