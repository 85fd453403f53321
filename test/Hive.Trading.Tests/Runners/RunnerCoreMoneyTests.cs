using Hive.Trading.Execution;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Runners;

public sealed class RunnerCoreMoneyTests
{
    private static RunnerConfig Config(decimal allocation = 1m) => new()
    {
        RunnerId = "money",
        Symbol = "BTCUSDT",
        Strategy = "scripted",
        InitialEquity = 10_000,
        AllocationFraction = allocation,
    };

    [Fact]
    public void OnCandle_QuantityBeyondBuyingPower_IsDeniedWithTheNumbers()
    {
        var sut = new RunnerCore(Config(), ScriptedStrategy.EnterLongOnce(1e9), new PaperOrderRouter());
        sut.OnCandle(Bars.Flat(0, 100));

        var events = sut.OnCandle(Bars.Flat(1, 100));

        Assert.True(events.HasFlag(RunnerEvents.RiskDenied));
        Assert.Equal(0m, sut.Portfolio.Quantity);
        Assert.Equal(RunnerState.Idle, sut.State);
        var denial = Assert.Single(sut.Signals, s => s.Kind == "risk_denied");
        Assert.StartsWith("InsufficientBuyingPower: enter_long 1000000000 @ 100 costs 100100000000 with fees > buying power 10000", denial.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCandle_QuantityThatFitsWithItsFee_IsFilled()
    {
        var sut = new RunnerCore(Config(), ScriptedStrategy.EnterLongOnce(99.9), new PaperOrderRouter());
        sut.OnCandle(Bars.Flat(0, 100));

        sut.OnCandle(Bars.Flat(1, 100));

        Assert.Equal(99.9m, sut.Portfolio.Quantity);
        Assert.Equal(0, sut.RiskDenials);
    }

    [Fact]
    public void OnCandle_QuantityJustOverBuyingPowerOnceTheFeeCounts_IsDenied()
    {
        var sut = new RunnerCore(Config(), ScriptedStrategy.EnterLongOnce(100), new PaperOrderRouter());
        sut.OnCandle(Bars.Flat(0, 100));

        sut.OnCandle(Bars.Flat(1, 100));

        Assert.Equal(0m, sut.Portfolio.Quantity);
        Assert.Equal(1, sut.RiskDenials);
    }

    [Theory]
    [InlineData(1e28)]
    [InlineData(1e300)]
    public void OnCandle_UnrepresentableQuantity_IsAStrategyErrorOfThatRunner(double quantity)
    {
        var sut = new RunnerCore(Config(), ScriptedStrategy.EnterLongOnce(quantity), new PaperOrderRouter());
        sut.OnCandle(Bars.Flat(0, 100));

        var events = sut.OnCandle(Bars.Flat(1, 100));

        Assert.True(events.HasFlag(RunnerEvents.StrategyError));
        Assert.Equal(RunnerState.Stopped, sut.State);
        Assert.Contains("quantity must be positive and below 1e15", Assert.Single(sut.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1.5)]
    [InlineData(0)]
    [InlineData(-0.5)]
    public void Validate_AllocationOutsideAFraction_NamesTheRunner(double allocation)
    {
        var sut = Config((decimal)allocation);

        var ex = Assert.Throws<ArgumentException>(sut.Validate);

        Assert.StartsWith("Runner 'money': allocation must be a fraction of equity, 0 < allocation <= 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnCandle_QuarterAllocation_UsesAQuarterOfEquity()
    {
        var strategy = new ScriptedStrategy
        {
            Detect = static (_, _) => StrategyAction.Opportunity(),
            Filter = static (_, _) => StrategyAction.EnterLong(),
        };
        var sut = new RunnerCore(Config(0.25m), strategy, new PaperOrderRouter());
        sut.OnCandle(Bars.Flat(0, 10));

        sut.OnCandle(Bars.Flat(1, 10));

        Assert.Equal(249.750249m, sut.Portfolio.Quantity);
    }
}
