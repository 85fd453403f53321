using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Runners;

public sealed class RunnerCoreTests
{
    private static RunnerConfig Config(string id = "r1", ErrorPolicy policy = ErrorPolicy.Production, RiskLimits? risk = null) => new()
    {
        RunnerId = id,
        Symbol = "BTCUSDT",
        Strategy = "scripted",
        ErrorPolicy = policy,
        Risk = risk ?? RiskLimits.None,
        InitialEquity = 10_000,
    };

    private static RunnerCore Runner(IStrategy strategy, RunnerConfig? config = null, IOrderRouter? router = null, AccountRisk? account = null) =>
        new(config ?? Config(), strategy, router ?? new PaperOrderRouter(), account);

    [Fact]
    public void OnCandle_EntryDecision_FillsAtTheCloseOfTheDecisionBar()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(2));

        sut.OnCandle(Bars.Flat(0, 100));
        var events = sut.OnCandle(Bars.At(1, 100, 103, 99, 102));

        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.True(events.HasFlag(RunnerEvents.Filled));
        Assert.Equal(2m, sut.Portfolio.Quantity);
        Assert.Equal(102m, sut.Portfolio.AverageEntryPrice);
        Assert.Equal(new PositionInfo(PositionSide.Long, 102, 2, null, null, -0.204, Bars.At(1, 0, 0, 0, 0).CloseTime), sut.Position);
    }

    [Fact]
    public void OnCandle_StopInsideBar_ExitsAtTheStopBeforeTheStrategyRuns()
    {
        var strategy = ScriptedStrategy.EnterLongOnce(1, stopLoss: 95, takeProfit: 110);
        var sut = Runner(strategy);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        strategy.Calls.Clear();

        var events = sut.OnCandle(Bars.At(2, 99, 100, 94, 96));

        Assert.True(events.HasFlag(RunnerEvents.ProtectiveExit));
        Assert.Equal(RunnerState.Idle, sut.State);
        var trade = Assert.Single(sut.Trades);
        Assert.Equal(95m, trade.ExitPrice);
        Assert.Equal("stop_loss", trade.ExitReason);
        Assert.Equal(["detect"], strategy.Calls);
    }

    [Fact]
    public void OnCandle_BarGapsThroughStop_ExitsAtTheOpen()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        sut.OnCandle(Bars.At(2, 90, 91, 88, 89));

        Assert.Equal(90m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void OnCandle_BarHitsStopAndTarget_ExitsAtTheStop()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95, takeProfit: 105));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        sut.OnCandle(Bars.At(2, 100, 106, 94, 105));

        var trade = Assert.Single(sut.Trades);
        Assert.Equal(95m, trade.ExitPrice);
        Assert.Equal("stop_loss", trade.ExitReason);
    }

    [Fact]
    public void OnCandle_ShortTakeProfit_ExitsAtTheTargetWithProfitAfterFees()
    {
        var sut = Runner(ScriptedStrategy.EnterShortOnce(1, stopLoss: 110, takeProfit: 90));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        sut.OnCandle(Bars.At(2, 98, 99, 89, 91));

        var trade = Assert.Single(sut.Trades);
        Assert.Equal(PositionSide.Short, trade.Side);
        Assert.Equal(90m, trade.ExitPrice);
        Assert.Equal("take_profit", trade.ExitReason);
        Assert.Equal(10m - 0.1m - 0.09m, trade.Pnl);
        Assert.Equal(10_009.81m, sut.Equity);
    }

    [Fact]
    public void OnCandle_StopWithSlippage_FillsBelowTheStop()
    {
        var router = new PaperOrderRouter(new PaperFillModel(slippageBps: 10));
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95), router: router);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        sut.OnCandle(Bars.At(2, 99, 100, 94, 96));

        Assert.Equal(95m * 0.999m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void OnQuote_BidThroughStop_ExitsAtTheBid()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        var events = sut.OnQuote(new Quote("BTCUSDT", Bars.T0 + (2 * Bars.Minute), 94.5, 1, 94.7, 1));

        Assert.True(events.HasFlag(RunnerEvents.ProtectiveExit));
        Assert.Equal(94.5m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void OnCandle_WithQuotes_MarketEntryFillsAtTheAsk()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnQuote(new Quote("BTCUSDT", Bars.T0 + Bars.Minute, 100.9, 1, 101.1, 1));

        sut.OnCandle(Bars.Flat(1, 101));

        Assert.Equal(101.1m, sut.Portfolio.AverageEntryPrice);
    }

    [Fact]
    public void OnCandle_ExitWhileIdleUnderProduction_StopsTheRunnerWithTheReason()
    {
        var strategy = new ScriptedStrategy("bad") { Detect = static (_, _) => StrategyAction.Exit() };
        var sut = Runner(strategy);

        var events = sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        Assert.True(events.HasFlag(RunnerEvents.Stopped));
        Assert.Equal(RunnerState.Stopped, sut.State);
        Assert.Equal("bad: detect_opportunity: action 'exit' is not legal in state Idle; legal: none, opportunity", sut.StoppedReason);
        Assert.Single(strategy.Calls);
        Assert.Equal("error", sut.StateMachine.History[^1].Trigger);
    }

    [Fact]
    public void OnCandle_ThrowingStrategyUnderDevelopment_RecordsAndCarriesOn()
    {
        var calls = 0;
        var strategy = new ScriptedStrategy("flaky")
        {
            Detect = (_, _) => ++calls == 1 ? throw new InvalidOperationException("boom") : StrategyAction.Opportunity(),
        };
        var sut = Runner(strategy, Config(policy: ErrorPolicy.Development));

        var first = sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        Assert.Equal(RunnerEvents.StrategyError, first);
        Assert.Equal(RunnerState.Analyzing, sut.State);
        Assert.Equal("flaky: detect_opportunity: InvalidOperationException: boom", Assert.Single(sut.Errors));
        Assert.Null(sut.StoppedReason);
    }

    [Fact]
    public void OnCandle_LimitExceededUnderDevelopment_StopsByLimitAndSnapshotRestoresStopped()
    {
        var strategy = new ScriptedStrategy("hog.lua")
        {
            Detect = static (_, _) => throw new StrategyException("hog.lua", "detect_opportunity", "instruction budget of 10 exceeded") { IsLimitExceeded = true },
        };
        var sut = Runner(strategy, Config(policy: ErrorPolicy.Development));

        var events = sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        var restored = Runner(new ScriptedStrategy("hog.lua"), Config(policy: ErrorPolicy.Development));
        restored.Restore(sut.CreateSnapshot());
        restored.OnCandle(Bars.Flat(2, 100));

        Assert.True(events.HasFlag(RunnerEvents.Stopped));
        Assert.Equal("stopped by limit: runner 'r1': hog.lua: detect_opportunity: instruction budget of 10 exceeded", sut.StoppedReason);
        Assert.True(sut.IsStoppedByLimit);
        Assert.Single(strategy.Calls);
        Assert.Equal("limit", sut.StateMachine.History[^1].Trigger);
        Assert.Equal(RunnerState.Stopped, restored.State);
        Assert.True(restored.IsStoppedByLimit);
        Assert.Equal(sut.StoppedReason, restored.StoppedReason);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e27)]
    public void OnCandle_QuantityOverflowingMoneyMath_IsAStrategyErrorNotACrash(double quantity)
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(quantity));
        sut.OnCandle(Bars.Flat(0, 100));

        var events = sut.OnCandle(Bars.Flat(1, 100));

        Assert.True(events.HasFlag(RunnerEvents.StrategyError));
        Assert.Equal(RunnerState.Stopped, sut.State);
        Assert.StartsWith("scripted: filter_commitment: enter_long: ", sut.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(0m, sut.Portfolio.Quantity);
    }

    [Fact]
    public void OnCandle_StopLossOnWrongSide_IsAStrategyError()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 105));
        sut.OnCandle(Bars.Flat(0, 100));

        sut.OnCandle(Bars.Flat(1, 100));

        Assert.Equal(RunnerState.Stopped, sut.State);
        Assert.Contains("stop_loss 105 must be below the price 100", sut.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(0m, sut.Portfolio.Quantity);
    }

    [Fact]
    public void OnCandle_EntryDeniedByRisk_RecordsTheDenialAndReturnsToIdle()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(20), Config(risk: new RiskLimits { MaxOrderNotional = 1000 }));
        sut.OnCandle(Bars.Flat(0, 100));

        var events = sut.OnCandle(Bars.Flat(1, 100));

        Assert.True(events.HasFlag(RunnerEvents.RiskDenied));
        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Equal(1, sut.RiskDenials);
        Assert.Contains(sut.Signals, s => s.Kind == "risk_denied" && s.Detail == "NotionalExceedsMaximum: 2000 > 1000");
    }

    [Fact]
    public void OnCandle_TwoRunnersOnOneSymbol_EachOwnsItsPosition()
    {
        var account = new AccountRisk();
        var longRunner = Runner(ScriptedStrategy.EnterLongOnce(1), Config("long"), account: account);
        var shortRunner = Runner(ScriptedStrategy.EnterShortOnce(3), Config("short"), account: account);
        Candle[] bars = [Bars.Flat(0, 100), Bars.Flat(1, 100), Bars.Flat(2, 110)];

        foreach (var bar in bars)
        {
            longRunner.OnCandle(bar);
            shortRunner.OnCandle(bar);
        }

        Assert.Equal(1m, longRunner.Portfolio.Quantity);
        Assert.Equal(-3m, shortRunner.Portfolio.Quantity);
        Assert.Equal(10_000m + 10 - 0.1m, longRunner.Equity);
        Assert.Equal(10_000m - 30 - 0.3m, shortRunner.Equity);
        Assert.Equal(-2m, account.PositionOf("BTCUSDT"));
    }

    [Fact]
    public void OnCandle_NoQuantityAnywhere_SizesTheEntryToEquityLeavingRoomForTheFee()
    {
        var strategy = new ScriptedStrategy
        {
            Detect = static (_, _) => StrategyAction.Opportunity(),
            Filter = static (_, _) => StrategyAction.EnterLong(),
        };
        var sut = Runner(strategy);
        sut.OnCandle(Bars.Flat(0, 3));

        sut.OnCandle(Bars.Flat(1, 3));

        // 10,000 / (3 × 1.001), rounded down to six decimals: the 0.1 % fee fits in the cash left.
        Assert.Equal(3330.003330m, sut.Portfolio.Quantity);
        Assert.True(sut.Portfolio.InitialEquity - (sut.Portfolio.Quantity * 3m) - sut.Portfolio.TotalFees >= 0);
    }

    [Fact]
    public void ReplaceStrategy_InPosition_KeepsPositionStateAndContext()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1));
        sut.Context.SetInteger("seen", 7);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        var replacement = new ScriptedStrategy("v2") { Manage = static (_, _) => StrategyAction.Exit(reason: "v2 exits") };

        sut.ReplaceStrategy(replacement);
        sut.OnCandle(Bars.Flat(2, 101));

        Assert.Equal(["manage"], replacement.Calls);
        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Equal(7, sut.Context.GetInteger("seen"));
        Assert.Equal(101m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void ManagePosition_UpdateStopLoss_MovesTheStopUsedOnTheNextBar()
    {
        var strategy = ScriptedStrategy.EnterLongOnce(1, stopLoss: 90);
        strategy.Manage = static (_, context) => context.Position!.Value.StopLoss < 99 ? StrategyAction.UpdateStopLoss(99) : StrategyAction.None;
        var sut = Runner(strategy);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        sut.OnCandle(Bars.Flat(2, 101));

        sut.OnCandle(Bars.At(3, 101, 101, 98, 98.5));

        Assert.Equal(99m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void OnFill_PendingRouter_EntersOnlyWhenTheFillArrives()
    {
        var router = new PendingRouter();
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1), router: router);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        Assert.True(sut.HasPendingOrder);
        Assert.Equal(RunnerState.Analyzing, sut.State);

        var order = router.Orders.Single();
        sut.OnFill(new Fill(order.ClientOrderId, "r1", "BTCUSDT", OrderSide.Buy, 1, 100.5m, 0.1005m, order.Timestamp + 5));

        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal(100.5m, sut.Portfolio.AverageEntryPrice);
        Assert.Equal("r1-1", order.ClientOrderId);
    }

    [Fact]
    public void OnCandle_OtherSymbol_Throws()
    {
        var sut = Runner(new ScriptedStrategy());

        Assert.Throws<ArgumentException>(() => sut.OnCandle(Bars.Flat(0, 1, "ETHUSDT")));
    }

    [Fact]
    public void EquityCurve_KeepsFirstBarChangesAndLastBar()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        sut.OnCandle(Bars.Flat(2, 100));
        sut.OnCandle(Bars.Flat(3, 104));
        sut.ClosePosition("end_of_data", bypassRisk: true);
        sut.OnCandle(Bars.Flat(4, 104));
        sut.CompleteEquityCurve();

        Assert.Equal(
            [10_000m, 10_000m - 0.1m, 10_004m - 0.1m - 0.104m, 10_004m - 0.1m - 0.104m],
            sut.EquityCurve.Select(p => p.Equity));
        Assert.Equal(Bars.Flat(4, 0).CloseTime, sut.EquityCurve[^1].Timestamp);
    }

    [Fact]
    public void OnCandle_NoSignalPath_AllocatesNothing()
    {
        var sut = new RunnerCore(Config() with { Strategy = "ema-cross" }, new EmaCrossStrategy(), new PaperOrderRouter(), recordEquityCurve: true);
        var bars = Enumerable.Range(0, 2000).Select(i => Bars.Flat(i, 100)).ToArray();
        for (var i = 0; i < 1000; i++)
        {
            sut.OnCandle(bars[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < 2000; i++)
        {
            sut.OnCandle(bars[i]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OnMarketEvent_CandleQuoteTradeAndGap_AreEachHandled()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95));

        sut.OnMarketEvent(MarketEvent.FromCandle(Bars.Flat(0, 100)));
        sut.OnMarketEvent(MarketEvent.FromCandle(Bars.Flat(1, 100)));
        sut.OnMarketEvent(MarketEvent.FromTrade(new TradeTick("BTCUSDT", Bars.T0 + 130_000, 1, 98.5, 1, false)));
        var lastTrade = sut.LastPrice;
        var gap = sut.OnMarketEvent(MarketEvent.FromGap("BTCUSDT", Bars.T0 + 140_000, "reconnect"));
        var stop = sut.OnMarketEvent(MarketEvent.FromQuote(new Quote("BTCUSDT", Bars.T0 + 150_000, 94, 1, 94.2, 1)));

        Assert.Equal(98.5, lastTrade);
        Assert.Equal(RunnerEvents.Gap, gap);
        Assert.Contains(sut.Signals, s => s.Kind == "gap" && s.Detail == "reconnect");
        Assert.True(stop.HasFlag(RunnerEvents.ProtectiveExit));
        Assert.Equal(94m, Assert.Single(sut.Trades).ExitPrice);
    }

    [Fact]
    public void StopAndResume_InPosition_ReturnsToInPositionAndKeepsThePosition()
    {
        var strategy = ScriptedStrategy.EnterLongOnce(1);
        var sut = Runner(strategy);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        sut.Stop("operator pause");
        strategy.Calls.Clear();
        sut.OnCandle(Bars.Flat(2, 105));
        var stoppedState = sut.State;
        sut.Resume();

        Assert.Equal(RunnerState.Stopped, stoppedState);
        Assert.Empty(strategy.Calls);
        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal(10_000m + 5 - 0.1m, sut.Equity);
    }

    [Fact]
    public void KillSwitch_Reducing_LetsTheStrategyExitButNotEnter()
    {
        var account = new AccountRisk();
        var strategy = ScriptedStrategy.EnterLongOnce(1);
        strategy.Manage = static (data, _) => data.Close > 102 ? StrategyAction.Exit() : StrategyAction.None;
        var sut = Runner(strategy, account: account);
        var blocked = Runner(ScriptedStrategy.EnterLongOnce(1), Config("r2"), account: account);
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));

        account.KillSwitch.Engage(KillSwitchLevel.Reducing, "drill");
        blocked.OnCandle(Bars.Flat(1, 100));
        blocked.OnCandle(Bars.Flat(2, 100));
        sut.OnCandle(Bars.Flat(2, 103));

        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Single(sut.Trades);
        Assert.Equal(0m, blocked.Portfolio.Quantity);
        Assert.Contains(blocked.Signals, s => s.Kind == "risk_denied" && s.Detail!.StartsWith("KillSwitchReducing: ", StringComparison.Ordinal));
    }

    [Fact]
    public void KillSwitch_Halted_KeepsThePositionOpenWhenTheStopIsHit()
    {
        var sut = Runner(ScriptedStrategy.EnterLongOnce(1, stopLoss: 95));
        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 100));
        sut.Risk.KillSwitch.Engage(KillSwitchLevel.Halted);

        var events = sut.OnCandle(Bars.At(2, 99, 99, 90, 92));

        Assert.True(events.HasFlag(RunnerEvents.RiskDenied));
        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal(1m, sut.Portfolio.Quantity);
        Assert.Equal(1, sut.RiskDenials);
    }

    [Fact]
    public void Restore_SnapshotInPosition_ResumesPositionProtectionsContextAndOrderIds()
    {
        var original = Runner(ScriptedStrategy.EnterLongOnce(2, stopLoss: 95));
        original.Context.SetString("note", "kept");
        original.OnCandle(Bars.Flat(0, 100));
        original.OnCandle(Bars.Flat(1, 100));
        original.OnCandle(Bars.Flat(2, 101));
        var snapshot = original.CreateSnapshot();
        var router = new PaperOrderRouter();
        var sut = Runner(new ScriptedStrategy(), router: router);

        sut.Restore(snapshot);
        var equityAfterRestore = sut.Equity;
        sut.OnCandle(Bars.At(3, 100, 100, 94, 96));

        Assert.Equal(original.Equity, equityAfterRestore);
        Assert.Equal("restore", sut.StateMachine.History[0].Trigger);
        Assert.Equal("kept", sut.Context.GetString("note"));
        var trade = Assert.Single(sut.Trades);
        Assert.Equal(95m, trade.ExitPrice);
        Assert.Equal(100m, trade.EntryPrice);
        Assert.Equal(((95m - 100m) * 2) - 0.2m - 0.19m, trade.Pnl);
        Assert.Equal(snapshot.OrderSequence + 1, sut.CreateSnapshot().OrderSequence);
    }

    [Fact]
    public void TradeCount_AfterARestore_CountsTheEarlierActivationsTrades()
    {
        var alternating = new ScriptedStrategy
        {
            Detect = static (_, _) => StrategyAction.Opportunity(),
            Filter = static (_, _) => StrategyAction.EnterLong(quantity: 1),
            Manage = static (_, _) => StrategyAction.Exit(),
        };
        var first = Runner(alternating);
        for (var i = 0; i < 6; i++)
        {
            first.OnCandle(Bars.Flat(i, 100));
        }

        var sut = Runner(alternating);
        sut.Restore(first.CreateSnapshot());
        for (var i = 6; i < 12; i++)
        {
            sut.OnCandle(Bars.Flat(i, 100));
        }

        Assert.Equal(2, first.TradeCount);
        Assert.Equal(2, sut.Trades.Count);
        Assert.Equal(4, sut.TradeCount);
        Assert.Equal(4, sut.CreateSnapshot().TradeCount);
    }

    [Fact]
    public void Restore_IntoARunnerThatTraded_Throws()
    {
        var sut = Runner(new ScriptedStrategy());
        sut.OnCandle(Bars.Flat(0, 100));

        Assert.Throws<InvalidOperationException>(() => sut.Restore(Runner(new ScriptedStrategy()).CreateSnapshot()));
    }

    private sealed class PendingRouter : IOrderRouter
    {
        public List<OrderRequest> Orders { get; } = [];

        public OrderOutcome Submit(in OrderRequest order, in MarketData market)
        {
            Orders.Add(order);
            return OrderOutcome.Pending();
        }
    }
}
