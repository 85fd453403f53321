using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Strategies;

public sealed class CompiledStrategyTests
{
    private static RunnerCore Runner(IStrategy strategy) => new(
        new RunnerConfig { RunnerId = "r", Symbol = "BTCUSDT", Strategy = strategy.Name, DefaultQuantity = 1 }, strategy);

    private static void Feed(RunnerCore runner, params double[] closes)
    {
        var start = (int)runner.BarsProcessed;
        for (var i = 0; i < closes.Length; i++)
        {
            runner.OnCandle(Bars.Flat(start + i, closes[i]));
        }
    }

    [Fact]
    public void EmaCross_UpwardCrossConfirmed_EntersOnTheNextBarAndExitsOnTheDownwardCross()
    {
        var sut = Runner(new EmaCrossStrategy(fast: 2, slow: 4));

        Feed(sut, 10, 9, 8, 7, 6);
        Assert.Equal(RunnerState.Idle, sut.State);
        Feed(sut, 9);
        Assert.Equal(RunnerState.Analyzing, sut.State);
        Feed(sut, 10);
        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal(10m, sut.Portfolio.AverageEntryPrice);
        Feed(sut, 11, 5);

        var trade = Assert.Single(sut.Trades);
        Assert.Equal(5m, trade.ExitPrice);
        Assert.Equal("strategy", trade.ExitReason);
    }

    [Fact]
    public void EmaCross_TrendAlreadyUpWhenReady_DoesNotEnter()
    {
        var sut = Runner(new EmaCrossStrategy(fast: 2, slow: 4));

        Feed(sut, 1, 2, 3, 4, 5, 6, 7, 8);

        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Empty(sut.Trades);
    }

    [Fact]
    public void EmaCross_CrossRevertsBeforeConfirmation_CancelsAnalysis()
    {
        var sut = Runner(new EmaCrossStrategy(fast: 2, slow: 4));

        Feed(sut, 10, 9, 8, 7, 6, 9, 3);

        Assert.Equal(RunnerState.Idle, sut.State);
        Assert.Equal("cancel_analysis", sut.StateMachine.History[^1].Trigger);
    }

    [Fact]
    public void EmaCross_StopParameter_SetsTheStopBelowTheEntryClose()
    {
        var sut = Runner(EmaCrossStrategy.FromParameters(StrategyParameters.Parse("fast=2,slow=4,stop=5,take=10")));

        Feed(sut, 10, 9, 8, 7, 6, 9, 10);

        Assert.Equal(9.5, sut.StopLoss!.Value, 9);
        Assert.Equal(11, sut.TakeProfit!.Value, 9);
    }

    [Fact]
    public void RsiReversion_OversoldThenTurn_EntersAndExitsAtOverbought()
    {
        var sut = Runner(new RsiReversionStrategy(period: 2, oversold: 30, overbought: 70));

        Feed(sut, 10, 9, 8);
        Assert.Equal(RunnerState.Analyzing, sut.State);
        Feed(sut, 7);
        Assert.Equal(RunnerState.Analyzing, sut.State);
        Feed(sut, 9);
        Assert.Equal(RunnerState.InPosition, sut.State);
        Feed(sut, 12);

        var trade = Assert.Single(sut.Trades);
        Assert.Equal(9m, trade.EntryPrice);
        Assert.Equal(12m, trade.ExitPrice);
    }

    [Fact]
    public void RsiReversion_ShortEnabled_SellsOverbought()
    {
        var sut = Runner(RsiReversionStrategy.FromParameters(StrategyParameters.Parse("period=2,short=true")));

        Feed(sut, 10, 11, 12, 11);

        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal(-1m, sut.Portfolio.Quantity);
    }
}
