using System.Net;
using System.Text;
using Hive.Binance.Rest;

namespace Hive.Binance.Tests.Rest;

public sealed class BinanceRestClientMarketTests
{
    [Fact]
    public async Task GetAccountAsync_SignedRequest_ParsesBalances()
    {
        var handler = new CannedHandler("""{"makerCommission":10,"takerCommission":10,"buyerCommission":0,"sellerCommission":0,"canTrade":true,"canWithdraw":true,"canDeposit":true,"updateTime":1,"accountType":"SPOT","balances":[{"asset":"BTC","free":"1.5","locked":"0.25"}],"permissions":["SPOT"]}""");
        using var sut = NewClient(handler);

        var account = await sut.GetAccountAsync();

        Assert.Equal(new BinanceBalance("BTC", 1.5m, 0.25m), Assert.Single(account.Balances));
        Assert.Equal("/api/v3/account", handler.LastUri!.AbsolutePath);
        Assert.Contains("signature=", handler.LastUri.Query, StringComparison.Ordinal);
        Assert.Equal("key", handler.LastApiKey);
    }

    [Fact]
    public async Task GetAggTradesAsync_Symbol_SendsUpperCaseSymbolAndLimit()
    {
        var handler = new CannedHandler("""[{"a":1,"p":"2","q":"3","f":4,"l":5,"T":6,"m":false,"M":true}]""");
        using var sut = NewClient(handler);

        var trades = await sut.GetAggTradesAsync("btcusdt", 10);

        Assert.Equal(1, Assert.Single(trades).AggregateId);
        Assert.Equal("/api/v3/aggTrades?symbol=BTCUSDT&limit=10", handler.LastUri!.PathAndQuery);
    }

    [Fact]
    public async Task GetBookTickerAsync_Symbol_ParsesQuote()
    {
        var handler = new CannedHandler("""{"symbol":"BTCUSDT","bidPrice":"1.1","bidQty":"2","askPrice":"1.2","askQty":"3"}""");
        using var sut = NewClient(handler);

        var quote = await sut.GetBookTickerAsync("BTCUSDT");

        Assert.Equal(new BinanceBookTickerQuote("BTCUSDT", 1.1m, 2m, 1.2m, 3m), quote);
        Assert.Equal("/api/v3/ticker/bookTicker?symbol=BTCUSDT", handler.LastUri!.PathAndQuery);
    }

    [Fact]
    public async Task PingAsync_ServerError_ThrowsApiException()
    {
        var handler = new CannedHandler("""{"code":-1003,"msg":"Too much request weight used."}""", HttpStatusCode.Forbidden);
        using var sut = NewClient(handler);

        var ex = await Assert.ThrowsAsync<BinanceApiException>(() => sut.PingAsync());

        Assert.Contains("ping", ex.Message, StringComparison.Ordinal);
    }

    private static BinanceRestClient NewClient(CannedHandler handler) => new(
        new BinanceOptions { RestBaseUrl = new Uri("http://127.0.0.1:9/"), ApiKey = "key", ApiSecret = "secret" },
        new HttpClient(handler));

    private sealed class CannedHandler(string body, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
    {
        public Uri? LastUri { get; private set; }

        public string? LastApiKey { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri;
            LastApiKey = request.Headers.TryGetValues("X-MBX-APIKEY", out var keys) ? keys.Single() : null;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
