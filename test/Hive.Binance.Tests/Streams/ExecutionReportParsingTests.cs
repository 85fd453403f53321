using System.Text;
using System.Text.Json;
using Hive.Binance.Rest;
using Hive.Binance.Streams;

namespace Hive.Binance.Tests.Streams;

public sealed class ExecutionReportParsingTests
{
    private const string TradeFill = """
        {"e":"executionReport","E":1700000000123,"s":"BTCUSDT","c":"hive-r1-7","S":"BUY","o":"LIMIT","f":"GTC","q":"0.02000000","p":"43000.10000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":555,"l":"0.01500000","z":"0.01500000","L":"42999.90000000","n":"0.00001500","N":"BTC","T":1700000000120,"t":777,"I":9001,"w":false,"m":true,"M":true,"O":1700000000000,"Z":"644.99850000","Y":"644.99850000","Q":"0.00000000","W":1700000000001,"V":"EXPIRE_MAKER","pl":"1","newField":{"x":[1,2]}}
        """;

    private const string Rejected = """
        {"stream":"executionReport","data":{"e":"executionReport","E":1700000000200,"s":"ETHUSDT","c":"hive-r2-1","S":"SELL","o":"LIMIT_MAKER","f":"GTC","q":"1.00000000","p":"2000.00000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"REJECTED","X":"REJECTED","r":"INSUFFICIENT_BALANCES","i":-1,"l":"0.00000000","z":"0.00000000","L":"0.00000000","n":"0","N":null,"T":1700000000199,"t":-1,"I":1,"w":false,"m":false,"M":false,"O":1700000000199,"Z":"0.00000000","Y":"0.00000000","Q":"0.00000000","A":"0.5","B":"0.25","v":12,"U":34,"u":56,"D":78,"j":9,"J":1000000}}
        """;

    private readonly BinanceStreamParser _sut = new();

    [Fact]
    public void Parse_TradeFill_ReproducesEveryFieldAndIgnoresUnknownOnes()
    {
        var kind = _sut.Parse(Encoding.UTF8.GetBytes(TradeFill));

        Assert.Equal(BinanceStreamEventKind.ExecutionReport, kind);
        using var document = JsonDocument.Parse(TradeFill);
        var known = document.RootElement.EnumerateObject().Where(p => p.Name is not "pl" and not "newField");
        foreach (var property in known)
        {
            FieldMap.AssertValue(property.Value, ExecutionReportMap.Fields[property.Name](_sut.ExecutionReport!), property.Name);
        }

        var report = _sut.ExecutionReport!;
        Assert.Equal((0.015m, 42999.9m, 0.000015m, "BTC"), (report.LastExecutedQuantity, report.LastExecutedPrice, report.Commission, report.CommissionAsset));
        Assert.Equal((BinanceOrderStatus.PartiallyFilled, BinanceOrderSide.Buy, true), (report.Status, report.OrderSide, report.IsFill));
        Assert.Null(report.PreventedQuantity);
    }

    [Fact]
    public void Parse_RejectedInCombinedWrapper_ReproducesEveryFieldIncludingOptionalOnes()
    {
        var kind = _sut.Parse(Encoding.UTF8.GetBytes(Rejected));

        Assert.Equal(BinanceStreamEventKind.ExecutionReport, kind);
        using var document = JsonDocument.Parse(Rejected);
        FieldMap.AssertObject(document.RootElement.GetProperty("data"), _sut.ExecutionReport!, ExecutionReportMap.Fields, "rejected");
        var report = _sut.ExecutionReport!;
        Assert.Equal((BinanceOrderStatus.Rejected, BinanceOrderSide.Sell, false), (report.Status, report.OrderSide, report.IsFill));
        Assert.Equal(("INSUFFICIENT_BALANCES", (string?)null, -1L), (report.RejectReason, report.CommissionAsset, report.TradeId));
        Assert.Equal((0.5m, 0.25m, 1000000L), (report.PreventedQuantity, report.LastPreventedQuantity, report.StrategyType));
    }

    [Fact]
    public void Parse_TradeWithZeroLastQuantity_IsNotAFill()
    {
        _sut.Parse(Encoding.UTF8.GetBytes(TradeFill.Replace("\"l\":\"0.01500000\"", "\"l\":\"0.00000000\"", StringComparison.Ordinal)));

        Assert.False(_sut.ExecutionReport!.IsFill);
    }

    [Fact]
    public void Parse_ExecutionReportWithoutStatus_IsMalformedNamingTheFields()
    {
        var kind = _sut.Parse(Encoding.UTF8.GetBytes(TradeFill.Replace("\"X\":\"PARTIALLY_FILLED\",", string.Empty, StringComparison.Ordinal)));

        Assert.Equal(BinanceStreamEventKind.Malformed, kind);
        Assert.Contains("executionReport lacks one of s, S, x, X, i", _sut.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExecutionReportWithBadQuantity_IsMalformedNamingTheValue()
    {
        var kind = _sut.Parse(Encoding.UTF8.GetBytes(TradeFill.Replace("\"q\":\"0.02000000\"", "\"q\":\"0.02x\"", StringComparison.Ordinal)));

        Assert.Equal(BinanceStreamEventKind.Malformed, kind);
        Assert.Contains("'0.02x' is not a number", _sut.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFill_TradeWithBaseAssetCommission_ConvertsFeeToQuote()
    {
        _sut.Parse(Encoding.UTF8.GetBytes(TradeFill));

        var fill = _sut.ExecutionReport!.ToFill("r1");

        Assert.Equal(
            new Hive.Trading.Execution.Fill("hive-r1-7", "r1", "BTCUSDT", Hive.Trading.Execution.OrderSide.Buy, 0.015m, 42999.9m, 0.000015m * 42999.9m, 1700000000120),
            fill);
    }

    [Fact]
    public void ToFill_ThirdAssetCommissionWithoutConversion_ThrowsNamingTheAsset()
    {
        _sut.Parse(Encoding.UTF8.GetBytes(TradeFill.Replace("\"N\":\"BTC\"", "\"N\":\"BNB\"", StringComparison.Ordinal)));

        var ex = Assert.Throws<InvalidOperationException>(() => _sut.ExecutionReport!.ToFill("r1"));

        Assert.Contains("BNB", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0.01m, _sut.ExecutionReport!.ToFill("r1", feeInQuote: 0.01m).Fee);
    }

    [Fact]
    public void ToFill_Rejected_Throws()
    {
        _sut.Parse(Encoding.UTF8.GetBytes(Rejected));

        Assert.Throws<InvalidOperationException>(() => _sut.ExecutionReport!.ToFill("r1"));
    }

    [Fact]
    public void Parse_WarmParser_AllocatesOnlyTheReportAndItsClientIds()
    {
        var message = Encoding.UTF8.GetBytes(TradeFill);
        _sut.Parse(message);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _sut.Parse(message);
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.InRange(perMessage, 1, 1024);
    }

    [Fact]
    public void Parse_WarmParserTicker24h_AllocatesNothing()
    {
        var message = """{"e":"24hrTicker","E":1,"s":"BNBBTC","p":"0.0015","P":"250.00","w":"0.0018","x":"0.0009","c":"0.0025","Q":"10","b":"0.0024","B":"10","a":"0.0026","A":"100","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18","O":0,"C":86400000,"F":0,"L":18150,"n":18151}"""u8.ToArray();
        _sut.Parse(message);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _sut.Parse(message);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(("BNBBTC", 18151L), (_sut.Ticker24h.Symbol, _sut.Ticker24h.TradeCount));
    }
}
