using Hive.Binance.Rest;
using Hive.Binance.Testing;

namespace Hive.Binance.Tests.Rest;

public sealed class BinanceRestClientTests
{
    [Fact]
    public async Task GetKlinesAsync_429WithRetryAfter_WaitsWhatTheServerAskedThenSucceeds()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.GenerateKlines("BTCUSDT", "1m", 0, 5);
        server.EnqueueRateLimit("/api/v3/klines", retryAfterSeconds: 7);
        var delays = new List<TimeSpan>();
        var options = server.ClientOptions();
        options.RateLimitDelay = (delay, _) =>
        {
            delays.Add(delay);
            return Task.CompletedTask;
        };
        using var sut = new BinanceRestClient(options);

        var rows = await sut.GetKlinesAsync("BTCUSDT", "1m");

        Assert.Equal(5, rows.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], delays);
        Assert.Equal(2, server.CountRequests("GET", "/api/v3/klines"));
        Assert.Equal(1, sut.RateLimitWaits);
    }

    [Fact]
    public async Task GetKlinesAsync_418BeyondTheRetryBudget_ThrowsTheBanWithItsStatus()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.EnqueueRateLimit("/api/v3/klines", retryAfterSeconds: 120, status: 418, times: 10);
        var delays = new List<TimeSpan>();
        var options = server.ClientOptions();
        options.MaxRateLimitRetries = 2;
        options.RateLimitDelay = (delay, _) =>
        {
            delays.Add(delay);
            return Task.CompletedTask;
        };
        using var sut = new BinanceRestClient(options);

        var ex = await Assert.ThrowsAsync<BinanceApiException>(() => sut.GetKlinesAsync("BTCUSDT", "1m"));

        Assert.Equal(418, ex.Error.HttpStatus);
        Assert.Equal(BinanceErrorCode.TooManyRequests, ex.Error.Kind);
        Assert.Equal([TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(120)], delays);
        Assert.Equal(3, server.CountRequests("GET", "/api/v3/klines"));
    }

    [Fact]
    public async Task GetKlinesAsync_RetryAfterLongerThanTheLongestWait_ThrowsAtOnceAndRemembersTheBlock()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.EnqueueRateLimit("/api/v3/klines", retryAfterSeconds: 600, status: 418);
        var delays = new List<TimeSpan>();
        var options = server.ClientOptions();
        options.MaxRetryAfter = TimeSpan.FromSeconds(5);
        options.RateLimitDelay = (delay, _) =>
        {
            delays.Add(delay);
            return Task.CompletedTask;
        };
        using var sut = new BinanceRestClient(options);

        var ex = await Assert.ThrowsAsync<BinanceApiException>(() => sut.GetKlinesAsync("BTCUSDT", "1m"));

        Assert.Equal(418, ex.Error.HttpStatus);
        Assert.Empty(delays);
        Assert.Equal(1, server.CountRequests("GET", "/api/v3/klines"));
        Assert.True(sut.BlockedUntil > TimeProvider.System.GetUtcNow().AddSeconds(500), "the client remembers how long Binance asked it to wait");
    }

    [Fact]
    public async Task GetKlineHistoryAsync_MoreThanOnePage_PaginatesWithoutGapsOrDuplicates()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var served = server.GenerateKlines("ETHUSDT", "1m", 1_700_000_040_000, 2500);
        using var sut = new BinanceRestClient(server.ClientOptions());

        var rows = new List<BinanceKlineRow>();
        await foreach (var page in sut.GetKlineHistoryAsync("ETHUSDT", "1m", 1_700_000_040_000, 1_700_000_040_000 + (2500 * 60_000L)))
        {
            rows.AddRange(page);
        }

        Assert.Equal(served.Select(r => string.Join(',', r)), rows.Select(r => r.ToArchiveLine()));
        Assert.Equal(3, server.CountRequests("GET", "/api/v3/klines"));
        Assert.All(server.Requests.Where(r => r.Path == "/api/v3/klines"), r => Assert.Contains("limit=1000", r.Query, StringComparison.Ordinal));
        Assert.True(sut.UsedWeight > 0);
    }

    [Fact]
    public async Task GetKlinesAsync_UnknownSymbol_ThrowsInvalidSymbol()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var ex = await Assert.ThrowsAsync<BinanceApiException>(() => sut.GetKlinesAsync("NOPEUSDT", "1m"));

        Assert.Equal(BinanceErrorCode.InvalidSymbol, ex.Error.Kind);
        Assert.Equal("Invalid symbol.", ex.Error.Message);
        Assert.Equal(400, ex.Error.HttpStatus);
    }

    [Fact]
    public async Task GetExchangeInfoAsync_Symbol_ExposesFiltersForRiskChecks()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var info = await sut.GetExchangeInfoAsync(["BTCUSDT"]);

        var btc = Assert.Single(info.Symbols);
        Assert.True(btc.IsTrading);
        Assert.Equal(new BinancePriceFilter(0.01m, 1000000m, 0.01m), btc.PriceFilter);
        Assert.Equal(new BinanceLotSizeFilter(0.00001m, 9000m, 0.00001m), btc.LotSize);
        Assert.Equal(new BinanceNotionalFilter(5m, 9000000m, true, false), btc.Notional);
        Assert.Null(btc.CheckOrder(100.25m, 0.1m, isMarket: false));
        Assert.Equal("PRICE_FILTER: price 100.255 is not a multiple of tickSize 0.01", btc.CheckOrder(100.255m, 0.1m, isMarket: false));
        Assert.Equal("LOT_SIZE: quantity 0.000001 < minQty 0.00001", btc.CheckOrder(100m, 0.000001m, isMarket: false));
        Assert.Equal("NOTIONAL: 1 < minNotional 5", btc.CheckOrder(100m, 0.01000m, isMarket: true));
        Assert.Equal(100.25m, btc.RoundPrice(100.259m));
        Assert.Equal(0.12345m, btc.RoundQuantity(0.123456m));
    }

    [Fact]
    public async Task SyncServerTimeAsync_ServerClockAhead_StampsSignedRequestsOnTheServerClock()
    {
        var serverClock = new ManualTimeProvider(1_700_000_005_000);
        await using var server = await FakeBinanceServer.StartAsync(new FakeBinanceServerOptions { TimeProvider = serverClock });
        using var sut = new BinanceRestClient(server.ClientOptions(), timeProvider: new ManualTimeProvider(1_700_000_000_000));

        var offset = await sut.SyncServerTimeAsync();
        await sut.GetOpenOrdersAsync("BTCUSDT");

        Assert.Equal(TimeSpan.FromSeconds(5), offset);
        var request = Assert.Single(server.Requests, r => r.Path == "/api/v3/openOrders");
        Assert.Contains("recvWindow=5000&timestamp=1700000005000&signature=", request.Query, StringComparison.Ordinal);
        Assert.Equal(server.Options.ApiKey, request.ApiKey);
    }
}
