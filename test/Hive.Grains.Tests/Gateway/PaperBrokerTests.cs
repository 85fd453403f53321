using Hive.Grains.Gateway;

namespace Hive.Grains.Tests.Gateway;

public sealed class PaperBrokerTests
{
    private const string Account = "paper";

    [Fact]
    public void Submit_OrderFromOlderDeploymentEpoch_IsFencedEvenFromTheCurrentGateway()
    {
        var sut = new PaperBroker();
        var current = sut.Submit(Account, 1, Orders.MarketOrder("r1", BrokerOrderId.Format("r1-1", 3)), Orders.Market);
        var stale = sut.Submit(Account, 1, Orders.MarketOrder("r1", BrokerOrderId.Format("r1-2", 2)), Orders.Market);

        Assert.Equal(PaperBrokerStatus.Filled, current.Status);
        Assert.Equal(PaperBrokerStatus.Fenced, stale.Status);
        Assert.Contains("epoch 2", stale.Reason, StringComparison.Ordinal);
        Assert.Equal(1, sut.GetStats(Account).OrdersFilled);
    }

    [Fact]
    public void Submit_SameLogicalOrderUnderNewerEpoch_GetsTheFirstFillAgain()
    {
        var sut = new PaperBroker();
        var first = sut.Submit(Account, 1, Orders.MarketOrder("r1", BrokerOrderId.Format("r1-5", 3)), Orders.Market);
        var again = sut.Submit(Account, 1, Orders.MarketOrder("r1", BrokerOrderId.Format("r1-5", 4)), Orders.Market);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Fill, again.Fill);
        Assert.Equal((1L, 1L), (sut.GetStats(Account).OrdersFilled, sut.GetStats(Account).DuplicatesReceived));
    }

    [Theory]
    [InlineData("btc_ema-17.e4", "btc_ema-17", 4)]
    [InlineData("a.e-1.e12", "a.e-1", 12)]
    [InlineData("btc_ema-17", "btc_ema-17", 0)]
    [InlineData("x.ezz", "x.ezz", 0)]
    public void Parse_BrokerOrderId_SplitsLogicalIdAndEpoch(string text, string logical, long epoch)
    {
        Assert.Equal((logical, epoch), BrokerOrderId.Parse(text));
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        Assert.Equal(("r-1", 7L), BrokerOrderId.Parse(BrokerOrderId.Format("r-1", 7)));
    }
}
