using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Testing;
using Hive.Trading.Runners;

namespace Hive.Grains.Tests.Exchange;

/// <summary>
/// Runners trading on the fake Binance exchange end to end: Binance feed → stream → runner → gateway (fencing, risk)
/// → Binance broker → exchange, fills back from the user data stream or by reconciliation, into the ledger and the runner.
/// </summary>
[Collection(BinanceClusterCollection.Name)]
public sealed class BinanceTradingTests(BinanceClusterFixture fixture)
{
    private readonly BinanceClusterFixture _f = fixture;

    [Fact]
    public async Task Runner_EntersAndExits_LedgerShowsTheExchangesFillsAndFees()
    {
        await _f.StartFeedAsync("BTCUSDT");
        _f.Exchange.SetPrice("BTCUSDT", 101.25m);
        await _f.AddRunnerAsync("bn_cycle", "BTCUSDT", _f.Scripts.Cycle, "hold=1");

        await _f.BarAsync("BTCUSDT", "bn_cycle", 100);
        var entered = await _f.BarAsync("BTCUSDT", "bn_cycle", 100);
        var exited = await _f.BarAsync("BTCUSDT", "bn_cycle", 100);

        Assert.Equal(1m, entered.PositionQuantity);
        Assert.Equal(101.25m, entered.EntryPrice);
        Assert.Equal(0m, exited.PositionQuantity);
        Assert.Equal(1, exited.Trades);
        Assert.Equal(2, exited.OrdersFilled);
        var fills = (await _f.LedgerOfAsync("bn_cycle")).Where(e => e.Kind == LedgerEntryKind.Fill).ToList();
        Assert.Equal(["Buy", "Sell"], fills.Select(e => e.Side));
        Assert.All(fills, e => Assert.Equal(101.25m, e.Price));
        Assert.All(fills, e => Assert.Equal(1m, e.Quantity));
        Assert.Equal(0.001m * 101.25m, fills[0].Fee); // 0.001 BTC commission on the buy, valued at the fill price
        Assert.Equal(101.25m * 0.001m, fills[1].Fee); // 0.10125 USDT commission on the sell
        Assert.Contains("commission 0.00100000 BTC", fills[0].Detail, StringComparison.Ordinal);
        Assert.Contains("commission 0.10125000 USDT", fills[1].Detail, StringComparison.Ordinal);
        var trades = _f.Exchange.Trades.Where(t => t.Symbol == "BTCUSDT").ToList();
        Assert.Equal(2, trades.Count);
        Assert.All(fills.Zip(trades), pair => Assert.Contains($"trade {pair.Second.Id} ", pair.First.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runner_PartialFill_BooksEachExecutionAndHoldsWhatFilled()
    {
        await _f.StartFeedAsync("ETHUSDT");
        await _f.AddRunnerAsync("bn_partial", "ETHUSDT", _f.Scripts.Cycle, "hold=1");
        await _f.BarAsync("ETHUSDT", "bn_partial", 100);
        _f.Exchange.FillNextOrderInParts(3, 0.6m);

        var entered = await _f.BarAsync("ETHUSDT", "bn_partial", 100);
        var exited = await _f.BarAsync("ETHUSDT", "bn_partial", 100);

        Assert.Equal(0.6m, entered.PositionQuantity);
        Assert.Equal(0m, exited.PositionQuantity);
        var fills = (await _f.LedgerOfAsync("bn_partial")).Where(e => e.Kind == LedgerEntryKind.Fill).ToList();
        Assert.Equal(4, fills.Count);
        Assert.Equal(0.6m, fills.Where(e => e.Side == "Buy").Sum(e => e.Quantity));
        Assert.Equal(3, fills.Count(e => e.Side == "Buy"));
        Assert.Equal(0.6m, Assert.Single(fills, e => e.Side == "Sell").Quantity);
    }

    [Fact]
    public async Task Runner_Minus1007OnPlacementWithTheOrderCreated_IsReconciledToExactlyOneFill()
    {
        await _f.StartFeedAsync("LTCUSDT");
        await _f.AddRunnerAsync("bn_1007", "LTCUSDT", _f.Scripts.Cycle, "hold=5");
        await _f.BarAsync("LTCUSDT", "bn_1007", 100);
        _f.Exchange.FailNextNewOrder(placed: true);

        var entered = await _f.BarAsync("LTCUSDT", "bn_1007", 100);

        Assert.Equal(1m, entered.PositionQuantity);
        var entries = await _f.LedgerOfAsync("bn_1007");
        var fill = Assert.Single(entries, e => e.Kind == LedgerEntryKind.Fill);
        Assert.Equal(1m, fill.Quantity);
        var order = Assert.Single(_f.Exchange.Orders.Values, o => o.Symbol == "LTCUSDT");
        Assert.Single(_f.Exchange.Trades, t => t.OrderId == order.OrderId);
        Assert.Equal(1, _f.Exchange.Requests.Count(r => r.Method == "POST" && r.Path == "/api/v3/order" && r.Query.Contains("symbol=LTCUSDT", StringComparison.Ordinal)));
        Assert.Contains(_f.Exchange.Requests, r => r.Method == "GET" && r.Path == "/api/v3/order" && r.Query.Contains("origClientOrderId=" + order.ClientOrderId, StringComparison.Ordinal));
        Assert.StartsWith("bn_1007-", order.ClientOrderId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_Minus1007WithoutTheOrderCreated_IsNotResentAndTheRunnerIsToldWhy()
    {
        await _f.StartFeedAsync("XRPUSDT");
        await _f.AddRunnerAsync("bn_lost", "XRPUSDT", _f.Scripts.Cycle, "hold=5");
        await _f.BarAsync("XRPUSDT", "bn_lost", 100);
        _f.Exchange.FailNextNewOrder(placed: false);

        var status = await _f.BarAsync("XRPUSDT", "bn_lost", 100);

        Assert.Equal(0m, status.PositionQuantity);
        Assert.Contains("NotPlaced", status.LastOrderProblem, StringComparison.Ordinal);
        Assert.Equal(1, _f.Exchange.Requests.Count(r => r.Method == "POST" && r.Query.Contains("symbol=XRPUSDT", StringComparison.Ordinal)));
        Assert.DoesNotContain(await _f.LedgerOfAsync("bn_lost"), e => e.Kind == LedgerEntryKind.Fill);
    }

    [Fact]
    public async Task Runner_UserStreamDroppedMidOrder_FillsComeFromTheQueryOnceEach()
    {
        await _f.StartFeedAsync("DOTUSDT");
        await _f.AddRunnerAsync("bn_userdrop", "DOTUSDT", _f.Scripts.Cycle, "hold=1");
        await _f.BarAsync("DOTUSDT", "bn_userdrop", 100);
        var reconnects = _f.Broker.UserStreamReconnects;
        _f.Exchange.LoseUserEventsOfNextOrder();

        var entered = await _f.BarAsync("DOTUSDT", "bn_userdrop", 100);
        await Wait.UntilAsync(() => _f.Broker.UserStreamReconnects > reconnects && _f.Broker.UserStreamConnected, "the broker's user stream reconnected");
        var exited = await _f.BarAsync("DOTUSDT", "bn_userdrop", 100);

        Assert.Equal(1m, entered.PositionQuantity);
        Assert.Equal(0m, exited.PositionQuantity);
        var fills = (await _f.LedgerOfAsync("bn_userdrop")).Where(e => e.Kind == LedgerEntryKind.Fill).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal(0.001m * 100m, fills[0].Fee);
        Assert.Contains(_f.Exchange.Requests, r => r.Path == "/api/v3/myTrades" && r.Query.Contains("symbol=DOTUSDT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runner_MarketStreamDroppedMidOrder_SeesAGapAndTradesOn()
    {
        await _f.StartFeedAsync("LINKUSDT");
        await _f.AddRunnerAsync("bn_mktdrop", "LINKUSDT", _f.Scripts.Cycle, "hold=1");
        await _f.BarAsync("LINKUSDT", "bn_mktdrop", 100);
        _f.Exchange.DropMarketStreamsOnNextOrder();

        var entered = await _f.BarAsync("LINKUSDT", "bn_mktdrop", 100);
        await Wait.UntilAsync(async () => (await _f.Platform.Registry.GetRunnerAsync("bn_mktdrop")).Gaps > 0, "the runner saw the gap");
        await _f.Exchange.WaitForSubscribersAsync(BinanceClusterFixture.KlineStream("LINKUSDT"), timeout: Wait.Deadline);
        var exited = await _f.BarAsync("LINKUSDT", "bn_mktdrop", 100);

        Assert.Equal(1m, entered.PositionQuantity);
        Assert.Equal(0m, exited.PositionQuantity);
        Assert.Contains("reconnected", exited.LastGap, StringComparison.Ordinal);
        Assert.Equal(2, (await _f.LedgerOfAsync("bn_mktdrop")).Count(e => e.Kind == LedgerEntryKind.Fill));
    }

    [Fact]
    public async Task Runner_ServerShutdownWhileInPosition_BothStreamsComeBackAndTheExitFills()
    {
        await _f.StartFeedAsync("NEARUSDT");
        await _f.AddRunnerAsync("bn_shutdown", "NEARUSDT", _f.Scripts.Cycle, "hold=1");
        await _f.BarAsync("NEARUSDT", "bn_shutdown", 100);
        var entered = await _f.BarAsync("NEARUSDT", "bn_shutdown", 100);
        var reconnects = _f.Broker.UserStreamReconnects;

        await _f.Exchange.SendServerShutdownAsync();
        await Wait.UntilAsync(() => _f.Broker.UserStreamReconnects > reconnects && _f.Broker.UserStreamConnected, "the user stream reconnected");
        await Wait.UntilAsync(async () => (await _f.Platform.Registry.GetRunnerAsync("bn_shutdown")).Gaps > 0, "the runner saw the gap");
        await _f.Exchange.WaitForSubscribersAsync(BinanceClusterFixture.KlineStream("NEARUSDT"), timeout: Wait.Deadline);
        var exited = await _f.BarAsync("NEARUSDT", "bn_shutdown", 100);

        Assert.Equal(1m, entered.PositionQuantity);
        Assert.Equal(0m, exited.PositionQuantity);
        Assert.Contains("serverShutdown", exited.LastGap, StringComparison.Ordinal);
        Assert.Equal(2, (await _f.LedgerOfAsync("bn_shutdown")).Count(e => e.Kind == LedgerEntryKind.Fill));
    }

    [Fact]
    public async Task Runner_OrderBelowTheMinimumNotional_IsDeniedWithTheFilterAndNeverSent()
    {
        var tiny = _f.Scripts.Write("tiny.lua", """
            function detect_opportunity(m, context, indicators) return {} end
            function filter_commitment(m, context, indicators) return { action = "enter_long", quantity = 0.01 } end
            function manage_position(m, context, indicators) return { action = "exit" } end
            """);
        await _f.StartFeedAsync("ADAUSDT");
        await _f.AddRunnerAsync("bn_tiny", "ADAUSDT", tiny);
        await _f.BarAsync("ADAUSDT", "bn_tiny", 100);

        var status = await _f.BarAsync("ADAUSDT", "bn_tiny", 100);

        Assert.Equal(0m, status.PositionQuantity);
        Assert.Equal(RunnerState.Idle, status.State);
        Assert.Equal(1, status.OrdersDenied);
        Assert.Equal("ExchangeFilter ADAUSDT NOTIONAL: 1 < minNotional 5", status.LastOrderProblem);
        var denial = Assert.Single(await _f.LedgerOfAsync("bn_tiny"), e => e.Kind == LedgerEntryKind.Denial);
        Assert.Equal(status.LastOrderProblem, denial.Detail);
        Assert.DoesNotContain(_f.Exchange.Requests, r => r.Method == "POST" && r.Query.Contains("symbol=ADAUSDT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_LedgerPositionTheAccountDoesNotHold_ReportsTheMismatch()
    {
        const string account = "binance-check";
        _f.Exchange.AddSymbol("SOLUSDT");
        await _f.Ledger.AppendAsync(new LedgerEntry(0, 1, LedgerEntryKind.Fill, account, "sol_runner", "sol_runner-1", "SOLUSDT", "Buy", 2m, 150m, 0.3m, "sol_runner#1@test filled at 1"));

        var status = await _f.Platform.Grains.GetGrain<IGatewayGrain>(account).GetStatusAsync();

        Assert.Equal(_f.Broker.Name, status.Broker);
        Assert.Equal(
            $"Position mismatch on account {account} at {_f.Exchange.RestUrl}: the runners hold 2 SOL by the ledger (SOLUSDT 2) but the exchange balance is 0 SOL",
            status.PositionCheck);
        Assert.Contains(_f.Ledger.Entries, e => e.Kind == LedgerEntryKind.Control && e.Account == account && e.Detail == status.PositionCheck);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Feed_FormingCandles_ReachRunnersOnlyWhenAsked(bool forming)
    {
        var symbol = forming ? "AVAXUSDT" : "ALGOUSDT";
        var runner = forming ? "bn_forming" : "bn_closed";
        await _f.StartFeedAsync(symbol, forming);
        await _f.AddRunnerAsync(runner, symbol, _f.Scripts.Cycle, "hold=100");
        var closed = await _f.BarAsync(symbol, runner, 100);

        await _f.FormingAsync(symbol, 100.5);
        var after = await _f.BarAsync(symbol, runner, 100); // the next closed bar: whatever came before it was handled

        Assert.Equal(closed.BarsProcessed + 1, after.BarsProcessed);
        var feed = await _f.Platform.Grains.GetGrain<Hive.Grains.Feeds.IMarketFeedGrain>(symbol).GetStatusAsync();
        Assert.Equal(forming ? 3 : 2, feed.EventsPublished);
    }
}
