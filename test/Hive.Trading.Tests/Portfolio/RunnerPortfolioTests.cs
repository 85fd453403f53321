using Hive.Trading.Execution;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Portfolio;

public sealed class RunnerPortfolioTests
{
    private static Fill Fill(OrderSide side, decimal quantity, decimal price, long time = 0) =>
        new("id", "r1", "BTCUSDT", side, quantity, price, PaperFillModel.Default.Fee(quantity, price), Bars.T0 + time);

    [Fact]
    public void Apply_LongRoundTrip_RealizesPriceMoveMinusBothFees()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 10_000);

        sut.Apply(Fill(OrderSide.Buy, 2, 100), "strategy");
        var trade = sut.Apply(Fill(OrderSide.Sell, 2, 110, 60_000), "strategy");

        // (110 - 100) * 2 = 20 gross; fees 0.2 + 0.22.
        Assert.NotNull(trade);
        Assert.Equal(PositionSide.Long, trade.Side);
        Assert.Equal(0.42m, trade.Fees);
        Assert.Equal(19.58m, trade.Pnl);
        Assert.Equal(19.58m, sut.RealizedPnl);
        Assert.Equal(10_019.58m, sut.Equity(123));
        Assert.Equal(PositionSide.Flat, sut.Side);
    }

    [Fact]
    public void Apply_ShortRoundTrip_ProfitsWhenThePriceFalls()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 10_000);

        sut.Apply(Fill(OrderSide.Sell, 1, 200), "strategy");
        var trade = sut.Apply(Fill(OrderSide.Buy, 1, 180), "take_profit");

        // 20 gross; fees 0.2 + 0.18.
        Assert.Equal(PositionSide.Short, trade!.Side);
        Assert.Equal(19.62m, trade.Pnl);
        Assert.Equal("take_profit", trade.ExitReason);
    }

    [Fact]
    public void Apply_ShortThatRises_LosesMoneyAndCountsAsLoss()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 1_000);

        sut.Apply(Fill(OrderSide.Sell, 1, 100), "strategy");
        var trade = sut.Apply(Fill(OrderSide.Buy, 1, 105), "stop_loss");

        Assert.Equal(-5.205m, trade!.Pnl);
        Assert.Equal(994.795m, sut.Equity(50));
    }

    [Fact]
    public void Equity_OpenPosition_IsInitialPlusRealizedPlusUnrealizedAfterEntryFee()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 1_000);

        sut.Apply(Fill(OrderSide.Buy, 3, 10), "strategy");

        Assert.Equal(3 * 2 - 0.03m, sut.UnrealizedPnl(12));
        Assert.Equal(1_005.97m, sut.Equity(12));
        Assert.Equal(sut.InitialEquity + sut.RealizedPnl + sut.UnrealizedPnl(12), sut.Equity(12));
    }

    [Fact]
    public void Apply_AddThenPartialExit_AveragesEntryAndSplitsEntryFees()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 1_000);

        sut.Apply(Fill(OrderSide.Buy, 1, 100), "strategy");
        sut.Apply(Fill(OrderSide.Buy, 1, 110), "strategy");
        var trade = sut.Apply(Fill(OrderSide.Sell, 1, 120), "strategy");

        Assert.Equal(105m, trade!.EntryPrice);
        Assert.Equal(1m, sut.Quantity);
        Assert.Equal(0.105m + 0.12m, trade.Fees);
        Assert.Equal(15m - 0.225m, trade.Pnl);
        Assert.Equal(0.105m, sut.OpenEntryFees);
    }

    [Fact]
    public void Apply_SellMoreThanHeld_ClosesAndOpensShortWithTheRemainder()
    {
        var sut = new RunnerPortfolio("r1", "BTCUSDT", 1_000);

        sut.Apply(Fill(OrderSide.Buy, 1, 100), "strategy");
        var trade = sut.Apply(Fill(OrderSide.Sell, 3, 100), "strategy");

        Assert.Equal(1m, trade!.Quantity);
        Assert.Equal(-2m, sut.Quantity);
        Assert.Equal(PositionSide.Short, sut.Side);
        Assert.Equal(0.2m, sut.OpenEntryFees);
        Assert.Equal(0.1m + 0.3m, sut.TotalFees);
    }
}
