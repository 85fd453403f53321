using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Strategies;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Execution;

public sealed class PaperFillModelTests
{
    private static OrderRequest Order(OrderSide side, decimal quantity, OrderType type = OrderType.Market, decimal? price = null) =>
        new("r-1", "r", "BTCUSDT", side, quantity, type, price, false, Bars.T0, "strategy");

    [Fact]
    public void Execute_MarketBuyOnQuote_FillsAtAskPlusSlippageAndChargesFee()
    {
        var sut = new PaperFillModel(feeRate: 0.001m, slippageBps: 10);
        var market = new MarketData("BTCUSDT", Bars.T0, 100, 100, 100, 100, 1, Bid: 99.5, Ask: 100.5);

        var fill = sut.Execute(Order(OrderSide.Buy, 2), market);

        Assert.Equal(100.5m * 1.001m, fill.Price);
        Assert.Equal(2 * 100.5m * 1.001m * 0.001m, fill.Fee);
    }

    [Fact]
    public void Execute_MarketSellOnQuote_FillsAtBidMinusSlippage()
    {
        var sut = new PaperFillModel(slippageBps: 10);
        var market = new MarketData("BTCUSDT", Bars.T0, 100, 100, 100, 100, 1, Bid: 99.5, Ask: 100.5);

        var fill = sut.Execute(Order(OrderSide.Sell, 1), market);

        Assert.Equal(99.5m * 0.999m, fill.Price);
    }

    [Fact]
    public void Execute_MarketOrderOnCandleReplay_FillsAtTheBarsClose()
    {
        var sut = PaperFillModel.Default;
        var market = MarketData.FromCandle(Bars.At(0, 100, 110, 90, 104.25));

        Assert.Equal(104.25m, sut.Execute(Order(OrderSide.Buy, 1), market).Price);
        Assert.Equal(104.25m, sut.Execute(Order(OrderSide.Sell, 1), market).Price);
    }

    [Fact]
    public void Fee_DefaultModel_IsTenBasisPointsOfNotional()
    {
        Assert.Equal(1.5m, PaperFillModel.Default.Fee(3, 500));
    }

    [Fact]
    public void Execute_LimitOrder_FillsAtItsPriceWithoutSlippage()
    {
        var sut = new PaperFillModel(slippageBps: 50);
        var market = MarketData.FromCandle(Bars.Flat(0, 100));

        Assert.Equal(110m, sut.Execute(Order(OrderSide.Sell, 1, OrderType.Limit, 110m), market).Price);
    }

    [Fact]
    public void EvaluateBar_LongStopInsideBar_TriggersAtTheStopPrice()
    {
        var bar = Bars.At(1, 100, 101, 94, 97);

        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, stopLoss: 95, takeProfit: null, bar);

        Assert.Equal(new ExitTrigger(ExitTriggerKind.StopLoss, 95, false), sut);
    }

    [Fact]
    public void EvaluateBar_LongGapBelowStop_TriggersAtTheOpen()
    {
        var bar = Bars.At(1, 92, 93, 90, 91);

        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, stopLoss: 95, takeProfit: null, bar);

        Assert.Equal(new ExitTrigger(ExitTriggerKind.StopLoss, 92, true), sut);
    }

    [Fact]
    public void EvaluateBar_LongTakeProfitInsideBar_TriggersAtTheTarget()
    {
        var bar = Bars.At(1, 100, 111, 99, 105);

        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, stopLoss: 95, takeProfit: 110, bar);

        Assert.Equal(new ExitTrigger(ExitTriggerKind.TakeProfit, 110, false), sut);
    }

    [Fact]
    public void EvaluateBar_LongGapAboveTarget_TriggersAtTheBetterOpen()
    {
        var bar = Bars.At(1, 112, 115, 111, 114);

        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, stopLoss: 95, takeProfit: 110, bar);

        Assert.Equal(new ExitTrigger(ExitTriggerKind.TakeProfit, 112, true), sut);
    }

    [Fact]
    public void EvaluateBar_BarHitsBothStopAndTarget_AssumesTheStopFirst()
    {
        var bar = Bars.At(1, 100, 115, 90, 112);

        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, stopLoss: 95, takeProfit: 110, bar);

        Assert.Equal(ExitTriggerKind.StopLoss, sut.Kind);
        Assert.Equal(95, sut.Price);
    }

    [Fact]
    public void EvaluateBar_ShortStopAndGaps_MirrorTheLongRules()
    {
        Assert.Equal(new ExitTrigger(ExitTriggerKind.StopLoss, 105, false), PaperFillModel.EvaluateBar(PositionSide.Short, 105, 90, Bars.At(1, 100, 106, 99, 104)));
        Assert.Equal(new ExitTrigger(ExitTriggerKind.StopLoss, 108, true), PaperFillModel.EvaluateBar(PositionSide.Short, 105, 90, Bars.At(1, 108, 109, 107, 108)));
        Assert.Equal(new ExitTrigger(ExitTriggerKind.TakeProfit, 90, false), PaperFillModel.EvaluateBar(PositionSide.Short, 105, 90, Bars.At(1, 100, 101, 89, 95)));
        Assert.Equal(new ExitTrigger(ExitTriggerKind.TakeProfit, 88, true), PaperFillModel.EvaluateBar(PositionSide.Short, 105, 90, Bars.At(1, 88, 89, 87, 88)));
        Assert.Equal(ExitTriggerKind.StopLoss, PaperFillModel.EvaluateBar(PositionSide.Short, 105, 90, Bars.At(1, 100, 106, 89, 95)).Kind);
    }

    [Fact]
    public void EvaluateBar_BarInsideTheBand_TriggersNothing()
    {
        var sut = PaperFillModel.EvaluateBar(PositionSide.Long, 95, 110, Bars.At(1, 100, 109, 96, 101));

        Assert.False(sut.IsTriggered);
    }

    [Fact]
    public void EvaluateQuote_LongStop_TriggersOnTheBid()
    {
        var quote = new Quote("BTCUSDT", Bars.T0, BidPrice: 94.9, BidQuantity: 1, AskPrice: 95.1, AskQuantity: 1);

        var sut = PaperFillModel.EvaluateQuote(PositionSide.Long, 95, null, quote);

        Assert.Equal(ExitTriggerKind.StopLoss, sut.Kind);
        Assert.Equal(94.9, sut.Price);
    }
}
