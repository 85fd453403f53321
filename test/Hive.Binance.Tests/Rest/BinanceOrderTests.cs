using Hive.Binance.Rest;
using Hive.Binance.Testing;

namespace Hive.Binance.Tests.Rest;

public sealed class BinanceOrderTests
{
    [Fact]
    public async Task PlaceOrderAsync_Minus1007_ReconcilesByClientOrderIdAndNeverResubmits()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.FailNextNewOrder();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Limit, 0.5m, 100.25m, "runner-1-order-7"));

        Assert.Equal(BinanceOrderOutcome.Accepted, result.Outcome);
        Assert.True(result.Reconciled);
        Assert.Equal("runner-1-order-7", result.Order!.ClientOrderId);
        Assert.Equal(BinanceOrderStatus.New, result.Order.Status);
        Assert.Equal(1, server.CountRequests("POST", "/api/v3/order"));
        var query = Assert.Single(server.Requests, r => r.Method == "GET" && r.Path == "/api/v3/order");
        Assert.Contains("origClientOrderId=runner-1-order-7", query.Query, StringComparison.Ordinal);
        Assert.Single(server.Orders);
    }

    [Fact]
    public async Task PlaceOrderAsync_ResponseTimesOut_ReconcilesThePlacedOrderWithoutResubmitting()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.DelayNextNewOrder(TimeSpan.FromSeconds(30));
        var options = server.ClientOptions();
        // Long enough for the reconciling query to answer on a loaded machine, far shorter than the delayed placement.
        options.RequestTimeout = TimeSpan.FromSeconds(3);
        using var sut = new BinanceRestClient(options);

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 0.25m, ClientOrderId: "slow-1"));

        Assert.Equal(BinanceOrderOutcome.Accepted, result.Outcome);
        Assert.True(result.Reconciled);
        Assert.Equal(BinanceOrderStatus.Filled, result.Order!.Status);
        Assert.Equal(1, server.CountRequests("POST", "/api/v3/order"));
        Assert.Equal(1, server.CountRequests("GET", "/api/v3/order"));
    }

    [Fact]
    public async Task PlaceOrderAsync_UnknownStatusAndNeverPlaced_IsReconciledAsNotFound()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        server.FailNextNewOrder(placed: false);
        using var sut = new BinanceRestClient(server.ClientOptions());

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Sell, BinanceOrderType.Market, 1m));

        Assert.Equal(BinanceOrderOutcome.NotFound, result.Outcome);
        Assert.True(result.Reconciled);
        Assert.Equal(BinanceErrorCode.Timeout, result.Error!.Kind);
        Assert.True(result.Error.IsUnknownStatus);
        Assert.Equal(1, server.CountRequests("POST", "/api/v3/order"));
        Assert.Equal(1, server.CountRequests("GET", "/api/v3/order"));
        Assert.Empty(server.Orders);
    }

    [Fact]
    public async Task PlaceOrderAsync_LimitThenCancel_IsAcceptedQueriedAndCanceled()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var placed = await sut.PlaceOrderAsync(new BinanceNewOrder("ETHUSDT", BinanceOrderSide.Sell, BinanceOrderType.Limit, 1.5m, 2500.5m));
        var open = await sut.GetOpenOrdersAsync("ETHUSDT");
        var canceled = await sut.CancelOrderAsync("ETHUSDT", orderId: placed.Order!.OrderId);
        var queried = await sut.QueryOrderAsync("ETHUSDT", clientOrderId: placed.Order.ClientOrderId);
        var openAfter = await sut.GetOpenOrdersAsync();

        Assert.Equal(BinanceOrderOutcome.Accepted, placed.Outcome);
        Assert.False(placed.Reconciled);
        Assert.Equal((BinanceOrderSide.Sell, BinanceOrderType.Limit, 1.5m, 2500.5m, "GTC"), (placed.Order.Side, placed.Order.Type, placed.Order.OriginalQuantity, placed.Order.Price, placed.Order.TimeInForce));
        Assert.StartsWith("hive-", placed.Order.ClientOrderId, StringComparison.Ordinal);
        Assert.Equal(placed.Order.OrderId, Assert.Single(open).OrderId);
        Assert.Equal(BinanceOrderStatus.Canceled, canceled.Order!.Status);
        Assert.Equal(BinanceOrderStatus.Canceled, queried.Order!.Status);
        Assert.Empty(openAfter);
    }

    [Fact]
    public async Task PlaceOrderAsync_Market_IsFilled()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        // 0.1 at the fake's default price of 100 clears its minimum notional of 5.
        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 0.1m));

        Assert.Equal(BinanceOrderStatus.Filled, result.Order!.Status);
        Assert.Equal(0.1m, result.Order.ExecutedQuantity);
        Assert.DoesNotContain("price=", Assert.Single(server.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrderAsync_UnknownSymbol_IsRejectedWithTheTypedCode()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("NOPE", BinanceOrderSide.Buy, BinanceOrderType.Market, 1m));

        Assert.Equal(BinanceOrderOutcome.Rejected, result.Outcome);
        Assert.Equal(BinanceErrorCode.InvalidSymbol, result.Error!.Kind);
        Assert.Equal("Invalid symbol.", result.Error.Message);
        Assert.Equal(0, server.CountRequests("GET", "/api/v3/order"));
    }

    [Fact]
    public async Task PlaceOrderAsync_WrongSecret_IsRejectedForItsSignature()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var options = server.ClientOptions();
        options.ApiSecret = "not-the-secret";
        using var sut = new BinanceRestClient(options);

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 1m));

        Assert.Equal(BinanceOrderOutcome.Rejected, result.Outcome);
        Assert.Equal(BinanceErrorCode.InvalidSignature, result.Error!.Kind);
        Assert.Empty(server.Orders);
    }

    [Fact]
    public async Task QueryOrderAsync_UnknownClientOrderId_IsNotFound()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var sut = new BinanceRestClient(server.ClientOptions());

        var result = await sut.QueryOrderAsync("BTCUSDT", clientOrderId: "never-placed");

        Assert.Equal(BinanceOrderOutcome.NotFound, result.Outcome);
        Assert.Equal(BinanceErrorCode.NoSuchOrder, result.Error!.Kind);
    }

    [Fact]
    public async Task PlaceOrderAsync_HostUnreachable_IsUnknownAndNotRetried()
    {
        var port = GetFreePort();
        var options = new BinanceOptions { RestBaseUrl = new Uri($"http://127.0.0.1:{port}"), ApiKey = "k", ApiSecret = "s" };
        using var sut = new BinanceRestClient(options);

        var result = await sut.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 1m));

        Assert.Equal(BinanceOrderOutcome.Unknown, result.Outcome);
        Assert.False(result.Reconciled);
    }

    private static int GetFreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
