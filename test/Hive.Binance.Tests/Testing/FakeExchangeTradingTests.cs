using System.Collections.Concurrent;
using Hive.Binance.Rest;
using Hive.Binance.Streams;
using Hive.Binance.Testing;
using Hive.Testing;

namespace Hive.Binance.Tests.Testing;

/// <summary>The fake exchange's trading behaviours, seen through the connector's REST client and user data stream.</summary>
public sealed class FakeExchangeTradingTests : IAsyncLifetime
{
    private FakeBinanceServer _server = null!;
    private BinanceRestClient _rest = null!;
    private BinanceUserDataStream _stream = null!;
    private readonly ConcurrentQueue<BinanceExecutionReport> _reports = new();
    private readonly ConcurrentQueue<string> _reconnects = new();

    public async Task InitializeAsync()
    {
        _server = await FakeBinanceServer.StartAsync();
        var options = _server.ClientOptions();
        options.ListenKeyKeepAliveInterval = TimeSpan.FromMilliseconds(50);
        _rest = new BinanceRestClient(options);
        _stream = new BinanceUserDataStream(_rest, options, report =>
        {
            _reports.Enqueue(report);
            return ValueTask.CompletedTask;
        });
        _stream.Reconnected += reason => _reconnects.Enqueue(reason);
        _stream.Start();
        await _stream.WaitConnectedAsync(Wait.Deadline);
        await _server.WaitForUserStreamAsync();
    }

    public async Task DisposeAsync()
    {
        await _stream.DisposeAsync();
        _rest.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PlaceOrderAsync_Market_FillsAtThePriceAndReportsOnTheUserStreamWithTheCommission()
    {
        _server.SetPrice("BTCUSDT", 250m);

        var result = await _rest.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 1m, ClientOrderId: "r1-1-aa"));

        Assert.Equal(BinanceOrderStatus.Filled, result.Order!.Status);
        Assert.Equal(250m, result.Order.CumulativeQuoteQuantity);
        await Wait.UntilAsync(() => _reports.Count == 2, "NEW and TRADE reports arrived");
        var reports = _reports.ToArray();
        Assert.Equal(["NEW", "TRADE"], reports.Select(r => r.ExecutionType));
        var fill = reports[1];
        Assert.Equal("r1-1-aa", fill.ClientOrderId);
        Assert.Equal(BinanceOrderStatus.Filled, fill.Status);
        Assert.Equal(250m, fill.LastExecutedPrice);
        Assert.Equal(0.001m, fill.Commission);
        Assert.Equal("BTC", fill.CommissionAsset);
        Assert.Equal(0.999m, _server.BalanceOf("BTC"));
        Assert.Equal(1_000_000m - 250m, _server.BalanceOf("USDT"));
        var account = await _rest.GetAccountAsync();
        Assert.Equal(0.999m, account.Balances.Single(b => b.Asset == "BTC").Free);
    }

    [Fact]
    public async Task FillNextOrderInParts_HalfInThreeTrades_ReportsPartialFillsThenExpiresAndListsTheTrades()
    {
        _server.FillNextOrderInParts(3, 0.5m);

        var result = await _rest.PlaceOrderAsync(new BinanceNewOrder("ETHUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 0.9m));

        Assert.Equal(BinanceOrderStatus.Expired, result.Order!.Status);
        Assert.Equal(0.45m, result.Order.ExecutedQuantity);
        await Wait.UntilAsync(() => _reports.Count == 5, "NEW, three TRADE and EXPIRED reports arrived");
        var reports = _reports.ToArray();
        Assert.Equal(["NEW", "TRADE", "TRADE", "TRADE", "EXPIRED"], reports.Select(r => r.ExecutionType));
        Assert.Equal(["NEW", "PARTIALLY_FILLED", "PARTIALLY_FILLED", "PARTIALLY_FILLED", "EXPIRED"], reports.Select(r => r.OrderStatus));
        var trades = await _rest.GetOrderTradesAsync("ETHUSDT", result.Order.OrderId);
        Assert.Equal(3, trades.Count);
        Assert.Equal(0.45m, trades.Sum(t => t.Quantity));
        Assert.Equal(reports.Where(r => r.IsFill).Select(r => r.TradeId), trades.Select(t => t.Id));
        Assert.All(trades, t => Assert.Equal(t.Quantity * 0.001m, t.Commission));
    }

    [Theory]
    [InlineData(0.01, "NOTIONAL")]
    [InlineData(0.000015, "LOT_SIZE")]
    public async Task PlaceOrderAsync_OutsideTheFilters_IsRejectedNamingTheFilter(double quantity, string filter)
    {
        var result = await _rest.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, (decimal)quantity));

        Assert.Equal(BinanceOrderOutcome.Rejected, result.Outcome);
        Assert.Equal(BinanceErrorCode.FilterFailure, result.Error!.Kind);
        Assert.Equal("Filter failure: " + filter, result.Error.Message);
        Assert.Empty(_server.Orders);
    }

    [Fact]
    public async Task LoseUserEventsOfNextOrder_MarketOrder_ReportsAreLostTheStreamReconnectsAndTheTradesAreQueryable()
    {
        _server.LoseUserEventsOfNextOrder();

        var result = await _rest.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 0.5m));

        await Wait.UntilAsync(() => !_reconnects.IsEmpty, "the user stream reconnected");
        Assert.Empty(_reports);
        Assert.Equal(2, _server.ExecutionReports.Count(r => r.Contains("\"i\":" + result.Order!.OrderId + ",", StringComparison.Ordinal)));
        var trade = Assert.Single(await _rest.GetOrderTradesAsync("BTCUSDT", result.Order!.OrderId));
        Assert.Equal(0.5m, trade.Quantity);
    }

    [Fact]
    public async Task DropMarketStreams_WithAUserStreamOpen_KeepsTheUserStream()
    {
        await using var market = new BinanceMarketStream(["btcusdt@kline_1m"], _server.ClientOptions());
        market.Start();
        await _server.WaitForSubscribersAsync("btcusdt@kline_1m");
        var connections = _server.TotalConnections;

        _server.DropMarketStreams();

        // The reconnect backs off between attempts; on a loaded machine (the whole suite in parallel) it takes longer
        // than the usual deadline.
        try
        {
            await Wait.UntilAsync(() => market.Reconnects >= 1 && _server.SubscriberCount("btcusdt@kline_1m") == 1, "the market stream reconnected", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Reconnects {market.Reconnects}, subscribers {_server.SubscriberCount("btcusdt@kline_1m")}, connections {_server.TotalConnections} (was {connections}).", ex);
        }
        Assert.Empty(_reconnects);
        Assert.Equal(1, _server.UserStreamConnections);
        Assert.True(_server.TotalConnections > connections);
    }

    [Fact]
    public async Task SendServerShutdownAsync_UserStream_ReconnectsWithAFreshListenKey()
    {
        var before = _server.ListenKeys.ToList();

        await _server.SendServerShutdownAsync();

        await Wait.UntilAsync(() => _reconnects.Contains("serverShutdown announced by the server") && _server.UserStreamConnections == 1, "the user stream reconnected");
        Assert.NotEmpty(_server.ListenKeys.Except(before));
    }

    [Fact]
    public async Task ExpireListenKeysAsync_UserStream_ReconnectsWithANewKey()
    {
        var expired = _server.ListenKeys.ToList();

        Assert.Equal(1, await _server.ExpireListenKeysAsync());

        await Wait.UntilAsync(() => _reconnects.Contains("the listen key expired") && _server.UserStreamConnections == 1, "the user stream reconnected");
        Assert.DoesNotContain(expired[0], _server.ListenKeys);
        Assert.Single(_server.ListenKeys);
    }

    [Fact]
    public async Task UserDataStream_Running_KeepsItsListenKeyAlive()
    {
        await Wait.UntilAsync(() => _server.ListenKeyKeepAlives >= 2 && _stream.KeepAlives >= 2, "two keep-alives were sent");

        Assert.Equal(1, _server.UserStreamConnections);
    }

    [Fact]
    public async Task PlaceOrderAsync_EnforcedBalanceTooSmall_IsRefusedWithInsufficientBalance()
    {
        _server.EnforceBalances = true;

        var result = await _rest.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Sell, BinanceOrderType.Market, 1m));

        Assert.Equal(BinanceOrderOutcome.Rejected, result.Outcome);
        Assert.Equal(BinanceErrorCode.NewOrderRejected, result.Error!.Kind);
        Assert.Contains("insufficient balance", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrderAsync_Answered_ReadsTheOrderCountHeaders()
    {
        _server.SetOrderCount(41);

        await _rest.PlaceOrderAsync(new BinanceNewOrder("BTCUSDT", BinanceOrderSide.Buy, BinanceOrderType.Market, 0.1m));

        Assert.Equal(42, _rest.OrderCount);
        Assert.Equal(42, _rest.DailyOrderCount);
    }
}
