using System.Text.RegularExpressions;
using Hive.Binance.Testing;
using Hive.Grains.Exchange;
using Hive.Grains.Gateway;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Microsoft.Extensions.Configuration;

namespace Hive.Grains.Tests.Exchange;

/// <summary>The Binance broker on its own, against the fake exchange: rules checked before sending, IDs, settings.</summary>
public sealed partial class BinanceBrokerTests : IAsyncLifetime
{
    private FakeBinanceServer _exchange = null!;
    private BinanceBroker _sut = null!;

    public async Task InitializeAsync()
    {
        _exchange = await FakeBinanceServer.StartAsync();
        _sut = new BinanceBroker(new BinanceBrokerOptions { Client = _exchange.ClientOptions(), QueryInterval = TimeSpan.FromMilliseconds(100) });
    }

    public async Task DisposeAsync()
    {
        await _sut.DisposeAsync();
        await _exchange.DisposeAsync();
    }

    [Fact]
    public async Task SubmitAsync_WeightNearTheLimit_RefusesWithoutSending()
    {
        await _sut.StartAsync();
        _exchange.SetUsedWeight(5200);
        await _sut.Rest.PingAsync();

        var result = await _sut.SubmitAsync(Order("BTCUSDT", 1m));

        Assert.Equal(BrokerOrderStatus.Rejected, result.Status);
        Assert.Matches(@"^RateLimited: request weight 520\d of 5000 used this minute \(X-MBX-USED-WEIGHT-1M\); the order is not sent$", result.Reason);
        Assert.Equal(0, _exchange.CountRequests("POST", "/api/v3/order"));
    }

    [Fact]
    public async Task SubmitAsync_OrderCountNearTheLimit_RefusesTheNextOrder()
    {
        _exchange.SetOrderCount(89);
        var first = await _sut.SubmitAsync(Order("BTCUSDT", 1m, "r-1"));

        var second = await _sut.SubmitAsync(Order("BTCUSDT", 1m, "r-2"));

        Assert.Equal(BrokerOrderStatus.Filled, first.Status);
        Assert.Equal(BrokerOrderStatus.Rejected, second.Status);
        Assert.StartsWith("RateLimited: 90 orders of 90 in the last 10 s (X-MBX-ORDER-COUNT-10S)", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _exchange.CountRequests("POST", "/api/v3/order"));
    }

    [Fact]
    public async Task SubmitAsync_BannedWith418_RefusesAtOnceAndSendsNothingUntilRetryAfter()
    {
        await _sut.SubmitAsync(Order("BTCUSDT", 1m, "warm-up"));
        _exchange.EnqueueRateLimit("/api/v3/order", retryAfterSeconds: 120, status: 418);

        var banned = await _sut.SubmitAsync(Order("BTCUSDT", 1m, "r-2"));
        var next = await _sut.SubmitAsync(Order("BTCUSDT", 1m, "r-3"));

        Assert.Equal(BrokerOrderStatus.Rejected, banned.Status);
        Assert.StartsWith("Binance -1003: Too many requests", banned.Reason, StringComparison.Ordinal);
        Assert.Equal(BrokerOrderStatus.Rejected, next.Status);
        Assert.StartsWith("RateLimited: Binance refused requests (429/418) and asked to wait until", next.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _exchange.CountRequests("POST", "/api/v3/order"));
    }

    [Fact]
    public async Task SubmitAsync_QuantityOffTheStep_IsRoundedDownAndSaysSo()
    {
        var result = await _sut.SubmitAsync(Order("BTCUSDT", 0.123456789m));

        Assert.Equal(BrokerOrderStatus.Filled, result.Status);
        Assert.Equal(0.12345m, result.Total().Quantity);
        Assert.Equal("QuantityRounded: 0.123456789 sent as 0.12345 (LOT_SIZE stepSize)", result.Reason);
    }

    [Fact]
    public async Task SubmitAsync_QuantityBelowTheStep_IsFilterRejectedNamingLotSize()
    {
        var result = await _sut.SubmitAsync(Order("BTCUSDT", 0.000001m));

        Assert.Equal(BrokerOrderStatus.FilterRejected, result.Status);
        Assert.Equal("ExchangeFilter BTCUSDT LOT_SIZE: quantity 0.000001 rounds to 0 at stepSize 0.00001", result.Reason);
    }

    [Fact]
    public async Task SubmitAsync_StaleGatewayEpoch_IsNotAuthoritative()
    {
        Assert.True(_sut.AcknowledgeGatewayEpoch("acct", 5));

        var result = await _sut.SubmitAsync(Order("BTCUSDT", 1m) with { GatewayEpoch = 4 });

        Assert.Equal(BrokerOrderStatus.NotAuthoritative, result.Status);
        Assert.False(_sut.AcknowledgeGatewayEpoch("acct", 3));
    }

    [Fact]
    public async Task ReconcileAsync_FilledOrder_ReturnsItsTradesWithoutSendingAgain()
    {
        var order = Order("ETHUSDT", 2m, "r-9");
        var submitted = await _sut.SubmitAsync(order);

        var reconciled = await _sut.ReconcileAsync(order);

        Assert.Equal(BrokerOrderStatus.Filled, reconciled.Status);
        Assert.Equal(submitted.Fills.Select(f => f.TradeId), reconciled.Fills.Select(f => f.TradeId));
        Assert.Equal(1, _exchange.CountRequests("POST", "/api/v3/order"));
    }

    [Fact]
    public async Task ReconcileAsync_OrderNeverPlaced_SaysNotPlaced()
    {
        var result = await _sut.ReconcileAsync(Order("ETHUSDT", 2m, "never-sent"));

        Assert.Equal(BrokerOrderStatus.Rejected, result.Status);
        Assert.StartsWith("NotPlaced: order acct_runner-", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("btc_ema_prod", 7L, "btc_ema_prod-1")]
    [InlineData("a runner/with:odd chars", 12L, "x-3")]
    [InlineData("a_very_long_runner_identifier_that_goes_on_and_on", 123456L, "a_very_long_runner_identifier_that_goes_on_and_on-99")]
    public void Create_AnyRunner_FitsBinancesRuleAndCarriesRunnerAndEpoch(string runnerId, long epoch, string clientOrderId)
    {
        var id = ExchangeClientOrderId.Create(new DeploymentId(runnerId, epoch, "live0-1"), clientOrderId);

        Assert.Matches(BinanceClientOrderId(), id);
        Assert.True(ExchangeClientOrderId.IsValid(id));
        Assert.Contains($"-{epoch}-", id, StringComparison.Ordinal);
        Assert.StartsWith(runnerId.Replace(' ', '_').Replace('/', '_').Replace(':', '_')[..Math.Min(runnerId.Length, 10)], id, StringComparison.Ordinal);
        Assert.Equal(id, ExchangeClientOrderId.Create(new DeploymentId(runnerId, epoch, "other-activation"), clientOrderId));
        Assert.NotEqual(id, ExchangeClientOrderId.Create(new DeploymentId(runnerId, epoch, "live0-1"), clientOrderId + "0"));
    }

    [Theory]
    [InlineData("Hive:Exchange:Broker", "kraken", "Hive:Exchange:Broker must be paper or binance, got 'kraken'.")]
    [InlineData("Hive:Exchange:Production", "yes", "Hive:Exchange:Production must be true or false, got 'yes'.")]
    [InlineData("Hive:Exchange:StreamUrl", "http://x", "Hive:Exchange:StreamUrl must be an absolute ws or wss URL, got 'http://x'.")]
    public void Read_BadValue_NamesTheKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var ex = Assert.Throws<ArgumentException>(() => ExchangeSettings.Read(configuration));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task CreateBroker_BinanceTestnetFromConfiguration_UsesTheTestnetAndTheEnvironmentsKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hive:Exchange:Broker"] = "binance" }).Build();
        var settings = ExchangeSettings.Read(configuration);

        var missing = Assert.Throws<ArgumentException>(() => settings.CreateBroker(environment: name => name == ExchangeSettings.ApiKeyVariable ? "k" : null));
        await using var broker = (BinanceBroker)settings.CreateBroker(environment: _ => "value");

        Assert.Equal("Hive:Exchange:Broker is binance but BINANCE_API_SECRET is not set.", missing.Message);
        Assert.Equal("binance testnet at https://testnet.binance.vision/", broker.Name);
        Assert.IsType<PaperBroker>(ExchangeSettings.Read(new ConfigurationBuilder().Build()).CreateBroker());
    }

    private static BrokerOrder Order(string symbol, decimal quantity, string clientOrderId = "acct_runner-1")
    {
        var request = new OrderRequest(clientOrderId, "acct_runner", symbol, OrderSide.Buy, quantity, OrderType.Market, null, false, 1, "test");
        var market = new MarketData(symbol, 1, 100, 100, 100, 100, 1, 99.9, 100.1);
        return new BrokerOrder("acct", 1, new DeploymentId("acct_runner", 1, "live0-1"), request, market);
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,36}$")]
    private static partial Regex BinanceClientOrderId();
}
