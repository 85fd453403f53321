using Hive.Trading.Execution;
using Hive.Trading.Risk;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Risk;

public sealed class RiskEngineTests
{
    private static OrderRequest Buy(decimal quantity, long time = 0, string runner = "r1", bool reduceOnly = false) =>
        new($"{runner}-x", runner, "BTCUSDT", OrderSide.Buy, quantity, OrderType.Market, null, reduceOnly, Bars.T0 + time, "strategy");

    private static OrderRequest Sell(decimal quantity, long time = 0, string runner = "r1", bool reduceOnly = false) =>
        new($"{runner}-x", runner, "BTCUSDT", OrderSide.Sell, quantity, OrderType.Market, null, reduceOnly, Bars.T0 + time, "strategy");

    [Fact]
    public void Evaluate_WithinEveryLimit_Accepts()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrderQuantity = 10, MaxOrderNotional = 1000, MaxPositionQuantity = 10, MaxExposureNotional = 1000, MaxOrdersPerSecond = 5 });

        var decision = sut.Evaluate(Buy(5), position: 0, price: 100);

        Assert.True(decision.IsAccepted);
        Assert.Null(decision.Message);
    }

    [Fact]
    public void Evaluate_QuantityAboveMaximum_DeniesWithTheNumbers()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrderQuantity = 2 });

        var decision = sut.Evaluate(Buy(5), 0, 100);

        Assert.Equal(RiskReason.QuantityExceedsMaximum, decision.Reason);
        Assert.Equal("QuantityExceedsMaximum: 5 > 2", decision.Message);
        Assert.Equal("runner", decision.Scope);
    }

    [Fact]
    public void Evaluate_NotionalAboveMaximum_DeniesWithTheNumbers()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrderNotional = 1000 });

        var decision = sut.Evaluate(Buy(2), 0, 760.2m);

        Assert.Equal(RiskReason.NotionalExceedsMaximum, decision.Reason);
        Assert.Equal("NotionalExceedsMaximum: 1520.4 > 1000", decision.Message);
    }

    [Fact]
    public void Evaluate_PositionWouldExceedMaximum_Denies()
    {
        var sut = new RiskEngine(new RiskLimits { MaxPositionQuantity = 10 });

        var decision = sut.Evaluate(Buy(3), position: 8, price: 1);

        Assert.Equal(RiskReason.PositionExceedsMaximum, decision.Reason);
        Assert.Equal("PositionExceedsMaximum: 11 > 10", decision.Message);
    }

    [Fact]
    public void Evaluate_ExposureWouldExceedMaximum_Denies()
    {
        var sut = new RiskEngine(new RiskLimits { MaxExposureNotional = 2000 });

        var decision = sut.Evaluate(Buy(1), position: 1, price: 1500);

        Assert.Equal(RiskReason.ExposureExceedsMaximum, decision.Reason);
        Assert.Equal("ExposureExceedsMaximum: 3000 > 2000", decision.Message);
    }

    [Fact]
    public void Evaluate_AccountExposureAcrossRunners_DeniesTheOrderThatWouldPassItsRunnersLimit()
    {
        var account = new AccountRisk(new RiskLimits { MaxExposureNotional = 2500 });
        account.UpdatePosition("r1", "BTCUSDT", 1, 1000);
        account.UpdatePosition("r2", "ETHUSDT", -10, 100);
        var sut = new RiskEngine(new RiskLimits { MaxExposureNotional = 5000 }, account);

        var decision = sut.Evaluate(Buy(1, runner: "r3"), position: 0, price: 600);

        Assert.Equal(RiskReason.ExposureExceedsMaximum, decision.Reason);
        Assert.Equal("ExposureExceedsMaximum: 2600 > 2500", decision.Message);
        Assert.Equal("account", decision.Scope);
        Assert.Equal(2000m, account.TotalExposure);
    }

    [Fact]
    public void Evaluate_AccountPositionSumsRunnersOnTheSymbol()
    {
        var account = new AccountRisk(new RiskLimits { MaxPositionQuantity = 5 });
        account.UpdatePosition("r1", "BTCUSDT", 4, 100);
        var sut = new RiskEngine(account: account);

        var decision = sut.Evaluate(Buy(2, runner: "r2"), position: 0, price: 100);

        Assert.Equal(RiskReason.PositionExceedsMaximum, decision.Reason);
        Assert.Equal("PositionExceedsMaximum: 6 > 5", decision.Message);
        Assert.Equal(4m, account.PositionOf("BTCUSDT"));
    }

    [Fact]
    public void Evaluate_MoreOrdersThanAllowedWithinOneSecond_DeniesUntilTheWindowSlides()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrdersPerSecond = 2 });

        Assert.True(sut.Evaluate(Buy(1, time: 0), 0, 1).IsAccepted);
        Assert.True(sut.Evaluate(Buy(1, time: 400), 1, 1).IsAccepted);
        var third = sut.Evaluate(Buy(1, time: 999), 2, 1);
        var afterWindow = sut.Evaluate(Buy(1, time: 1000), 2, 1);

        Assert.Equal(RiskReason.OrderRateExceeded, third.Reason);
        Assert.Equal("OrderRateExceeded: 3 orders in 1 s > 2", third.Message);
        Assert.True(afterWindow.IsAccepted);
    }

    [Fact]
    public void Evaluate_DeniedOrder_DoesNotUseTheRateWindow()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrdersPerSecond = 1, MaxOrderQuantity = 1 });

        var denied = sut.Evaluate(Buy(5, time: 0), 0, 1);
        var accepted = sut.Evaluate(Buy(1, time: 10), 0, 1);

        Assert.Equal(RiskReason.QuantityExceedsMaximum, denied.Reason);
        Assert.True(accepted.IsAccepted);
    }

    [Fact]
    public void Evaluate_AccountRateSharedByRunners_DeniesTheSecondRunner()
    {
        var account = new AccountRisk(new RiskLimits { MaxOrdersPerSecond = 1 });
        var first = new RiskEngine(account: account);
        var second = new RiskEngine(account: account);

        Assert.True(first.Evaluate(Buy(1, time: 0, runner: "r1"), 0, 1).IsAccepted);
        var decision = second.Evaluate(Buy(1, time: 500, runner: "r2"), 0, 1);

        Assert.Equal(RiskReason.OrderRateExceeded, decision.Reason);
        Assert.Equal("account", decision.Scope);
    }

    [Fact]
    public void Evaluate_KillSwitchHalted_DeniesEvenAnExit()
    {
        var sut = new RiskEngine();
        sut.KillSwitch.Engage(KillSwitchLevel.Halted, "operator");

        var decision = sut.Evaluate(Sell(1, reduceOnly: true), position: 1, price: 100);

        Assert.Equal(RiskReason.KillSwitchHalted, decision.Reason);
        Assert.StartsWith("KillSwitchHalted: runner kill switch is halted (operator)", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AccountKillSwitchReducing_AllowsExitsAndDeniesNewExposure()
    {
        var account = new AccountRisk();
        account.KillSwitch.Engage(KillSwitchLevel.Reducing, "drawdown");
        var sut = new RiskEngine(account: account);

        var exit = sut.Evaluate(Sell(1, reduceOnly: true), position: 1, price: 100);
        var add = sut.Evaluate(Buy(1), position: 1, price: 100);
        var flip = sut.Evaluate(Sell(3), position: 1, price: 100);

        Assert.True(exit.IsAccepted);
        Assert.Equal(RiskReason.KillSwitchReducing, add.Reason);
        Assert.Equal("KillSwitchReducing: account kill switch allows only reducing orders (drawdown); buy 1 BTCUSDT would take position 1 to 2", add.Message);
        Assert.Equal(RiskReason.KillSwitchReducing, flip.Reason);
    }

    [Fact]
    public void Evaluate_KillSwitchReset_AcceptsAgain()
    {
        var sut = new RiskEngine();
        sut.KillSwitch.Engage(KillSwitchLevel.Halted);
        sut.KillSwitch.Reset();

        Assert.True(sut.Evaluate(Buy(1), 0, 100).IsAccepted);
        Assert.Equal(KillSwitchLevel.Off, sut.KillSwitch.Level);
    }

    [Fact]
    public void Evaluate_ExitLargerThanLimits_IsAcceptedBecauseItReduces()
    {
        var sut = new RiskEngine(new RiskLimits { MaxOrderQuantity = 1, MaxOrderNotional = 10 });

        var decision = sut.Evaluate(Sell(5, reduceOnly: true), position: 5, price: 100);

        Assert.True(decision.IsAccepted);
    }

    [Fact]
    public void Evaluate_ReduceOnlyThatWouldFlip_Denies()
    {
        var sut = new RiskEngine();

        var decision = sut.Evaluate(Sell(3, reduceOnly: true), position: 1, price: 100);

        Assert.Equal(RiskReason.ReduceOnlyWouldIncrease, decision.Reason);
    }

    [Fact]
    public void Evaluate_NonPositiveQuantity_Denies()
    {
        var decision = new RiskEngine().Evaluate(Buy(0), 0, 100);

        Assert.Equal(RiskReason.InvalidQuantity, decision.Reason);
    }

    [Fact]
    public void Validate_NonPositiveLimit_NamesIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RiskEngine(new RiskLimits { MaxOrderNotional = -1 }));

        Assert.Contains("MaxOrderNotional", ex.Message, StringComparison.Ordinal);
    }
}
