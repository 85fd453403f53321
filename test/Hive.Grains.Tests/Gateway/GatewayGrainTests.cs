using Hive.Grains.Tests.Platform;
using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Trading.Execution;
using Hive.Trading.Risk;

namespace Hive.Grains.Tests.Gateway;

[Collection(GatewayClusterCollection.Name)]
public sealed class GatewayGrainTests(GatewayClusterFixture fixture)
{
    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..8];

    private IGatewayGrain Gateway(string account) => fixture.Cluster.Grains.GetGrain<IGatewayGrain>(account);

    private IEnumerable<LedgerEntry> LedgerOf(string account) => fixture.Ledger.Entries.Where(e => e.Account == account);

    [Fact]
    public async Task RegisterDeploymentAsync_Twice_IssuesHigherEpochAndMakesItCurrent()
    {
        var sut = Gateway(NewAccount());

        var first = await sut.RegisterDeploymentAsync("btc_ema", "a1").Within();
        var second = await sut.RegisterDeploymentAsync("btc_ema", "a2").Within();
        var status = await sut.GetStatusAsync();

        Assert.Equal(1, first.Epoch);
        Assert.Equal(2, second.Epoch);
        Assert.Equal([second], status.Deployments);
    }

    [Fact]
    public async Task SubmitOrderAsync_OldDeploymentId_IsFencedAndRecordedWhileCurrentFills()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var old = await sut.RegisterDeploymentAsync("btc_ema", "a1");
        var current = await sut.RegisterDeploymentAsync("btc_ema", "a2");

        var fenced = await sut.SubmitOrderAsync(old, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market).Within();
        var filled = await sut.SubmitOrderAsync(current, Orders.MarketOrder("btc_ema", "btc_ema-2"), Orders.Market).Within();
        var status = await sut.GetStatusAsync();

        Assert.Equal(GatewayOrderStatus.Fenced, fenced.Status);
        Assert.Equal("Fenced: runner btc_ema epoch 1 is not current (current 2)", fenced.Reason);
        Assert.Equal(GatewayOrderStatus.Filled, filled.Status);
        Assert.Equal(101m, filled.Fill!.Value.Price);
        Assert.Equal(0.101m, filled.Fill.Value.Fee);
        var record = Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Fenced);
        Assert.Equal("btc_ema-1", record.ClientOrderId);
        Assert.Contains("epoch 1 is not current (current 2)", record.Detail, StringComparison.Ordinal);
        Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Fill && e.ClientOrderId == "btc_ema-2");
        Assert.Equal(1, fixture.Broker.GetStats(account).OrdersReceived);
        Assert.Equal((1L, 1L), (status.OrdersFenced, status.OrdersFilled));
        Assert.Equal(fenced.Reason, Assert.Single(status.RecentFenced));
    }

    [Fact]
    public async Task SubmitOrderAsync_CalledFromAnotherSilo_ResultWithDefaultedRiskReasonCrossesSilos()
    {
        var account = NewAccount();
        var silos = fixture.Cluster.Cluster.Silos;
        var deployment = await PlatformCluster.OnSiloAsync(silos[1], () => PlatformCluster.FactoryOf(silos[1]).GetGrain<IGatewayGrain>(account).RegisterDeploymentAsync("x", "a1"));
        var sut = PlatformCluster.FactoryOf(silos[0]).GetGrain<IGatewayGrain>(account);

        var result = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("x", "x-1"), Orders.Market).Within();
        var status = await sut.GetStatusAsync().Within();

        Assert.Equal(silos[1], await fixture.Cluster.HostOfAsync<IGatewayGrain>(account));
        Assert.Equal((GatewayOrderStatus.Filled, RiskReason.None), (result.Status, result.RiskReason));
        Assert.True(status.Authoritative);
    }

    [Fact]
    public async Task SubmitOrderAsync_UnregisteredOrMismatchedRunner_IsFenced()
    {
        var sut = Gateway(NewAccount());
        var mine = await sut.RegisterDeploymentAsync("mine", "a1");

        var unregistered = await sut.SubmitOrderAsync(new DeploymentId("ghost", 1, "x"), Orders.MarketOrder("ghost", "g-1"), Orders.Market);
        var mismatched = await sut.SubmitOrderAsync(mine, Orders.MarketOrder("other", "o-1"), Orders.Market);

        Assert.Equal(GatewayOrderStatus.Fenced, unregistered.Status);
        Assert.Contains("not registered", unregistered.Reason, StringComparison.Ordinal);
        Assert.Equal(GatewayOrderStatus.Fenced, mismatched.Status);
        Assert.Contains("of runner mine", mismatched.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAsync_RemovedRunner_EveryDeploymentIsFencedUntilItRegistersAgain()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("eth_rsi", "a1");

        await sut.RevokeAsync("eth_rsi").Within();
        var revoked = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("eth_rsi", "eth_rsi-1"), Orders.Market);
        var again = await sut.RegisterDeploymentAsync("eth_rsi", "a2");
        var filled = await sut.SubmitOrderAsync(again, Orders.MarketOrder("eth_rsi", "eth_rsi-2"), Orders.Market);

        Assert.Equal(GatewayOrderStatus.Fenced, revoked.Status);
        Assert.Equal("Fenced: runner eth_rsi epoch 1 is revoked (last epoch 1)", revoked.Reason);
        Assert.Equal(2, again.Epoch);
        Assert.Equal(GatewayOrderStatus.Filled, filled.Status);
        Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Fenced);
    }

    [Fact]
    public async Task SubmitOrderAsync_ResubmittedClientOrderId_ReturnsFirstAnswerAndReachesBrokerOnce()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("r", "a1");
        var order = Orders.MarketOrder("r", "r-7");

        var first = await sut.SubmitOrderAsync(deployment, order, Orders.Market);
        var second = await sut.SubmitOrderAsync(deployment, order, Orders.Market with { Ask = 500 });
        var status = await sut.GetStatusAsync();
        var broker = fixture.Broker.GetStats(account);

        Assert.Equal(GatewayOrderStatus.Filled, first.Status);
        Assert.Equal(first, second);
        Assert.Equal(1, status.DuplicatesAbsorbed);
        Assert.Equal(1, status.OrdersFilled);
        Assert.Equal((1L, 0L), (broker.OrdersReceived, broker.DuplicatesReceived));
        Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Fill);
    }

    [Fact]
    public async Task SubmitOrderAsync_AboveAccountNotional_DeniedWithReasonNumbersAndLedgerEntry()
    {
        var account = GatewayClusterFixture.RiskAccount;
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("big", "a1");
        var received = fixture.Broker.GetStats(account).OrdersReceived;

        var result = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("big", "big-1", quantity: 15m), Orders.Market).Within();

        Assert.Equal(GatewayOrderStatus.Denied, result.Status);
        Assert.Equal(RiskReason.NotionalExceedsMaximum, result.RiskReason);
        Assert.Equal("NotionalExceedsMaximum: 1515 > 1000", result.Reason);
        Assert.Null(result.Fill);
        var denial = Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Denial && e.ClientOrderId == "big-1");
        Assert.Equal("NotionalExceedsMaximum: 1515 > 1000 (account)", denial.Detail);
        Assert.Equal(received, fixture.Broker.GetStats(account).OrdersReceived);
    }

    [Fact]
    public async Task SubmitOrderAsync_AccountPositionAcrossRunners_DeniedAboveMaximum()
    {
        var account = GatewayClusterFixture.RiskAccount;
        var sut = Gateway(account);
        var a = await sut.RegisterDeploymentAsync("pos_a", "a1");
        var b = await sut.RegisterDeploymentAsync("pos_b", "b1");

        var first = await sut.SubmitOrderAsync(a, Orders.MarketOrder("pos_a", "pos_a-1", quantity: 9m), Orders.Market);
        var second = await sut.SubmitOrderAsync(b, Orders.MarketOrder("pos_b", "pos_b-1", quantity: 9m), Orders.Market);
        var third = await sut.SubmitOrderAsync(b, Orders.MarketOrder("pos_b", "pos_b-2", quantity: 3m), Orders.Market);

        Assert.Equal(GatewayOrderStatus.Filled, first.Status);
        Assert.Equal(GatewayOrderStatus.Filled, second.Status);
        Assert.Equal(GatewayOrderStatus.Denied, third.Status);
        Assert.Equal(RiskReason.PositionExceedsMaximum, third.RiskReason);
        Assert.Equal("PositionExceedsMaximum: 21 > 20", third.Reason);
    }

    [Fact]
    public async Task SetKillSwitchAsync_Halted_DeniesEverythingIncludingExits()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("k", "a1");
        await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-1", quantity: 2m), Orders.Market);

        await sut.SetKillSwitchAsync(KillSwitchLevel.Halted, "operator").Within();
        var buy = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-2"), Orders.Market);
        var exit = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-3", OrderSide.Sell), Orders.Market);
        var status = await sut.GetStatusAsync();

        Assert.Equal((GatewayOrderStatus.Denied, RiskReason.KillSwitchHalted), (buy.Status, buy.RiskReason));
        Assert.Equal((GatewayOrderStatus.Denied, RiskReason.KillSwitchHalted), (exit.Status, exit.RiskReason));
        Assert.Equal("KillSwitchHalted: account kill switch is halted (operator); buy 1 BTCUSDT refused", buy.Reason);
        Assert.Equal(KillSwitchLevel.Halted, status.KillSwitch);
        Assert.Equal(2, LedgerOf(account).Count(e => e.Kind == LedgerEntryKind.Denial));
        Assert.Equal(1, fixture.Broker.GetStats(account).OrdersReceived);
    }

    [Fact]
    public async Task SetKillSwitchAsync_Reducing_DeniesIncreasesAndFillsReductions()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("k", "a1");
        await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-1", quantity: 2m), Orders.Market);

        await sut.SetKillSwitchAsync(KillSwitchLevel.Reducing, "drawdown");
        var increase = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-2"), Orders.Market);
        var reduce = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-3", OrderSide.Sell), Orders.Market);
        var flip = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-4", OrderSide.Sell, 5m), Orders.Market);
        await sut.SetKillSwitchAsync(KillSwitchLevel.Off, "resolved");
        var after = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("k", "k-5"), Orders.Market);

        Assert.Equal((GatewayOrderStatus.Denied, RiskReason.KillSwitchReducing), (increase.Status, increase.RiskReason));
        Assert.Equal("KillSwitchReducing: account kill switch allows only reducing orders (drawdown); buy 1 BTCUSDT would take position 2 to 3", increase.Reason);
        Assert.Equal(GatewayOrderStatus.Filled, reduce.Status);
        Assert.Equal(99m, reduce.Fill!.Value.Price);
        Assert.Equal((GatewayOrderStatus.Denied, RiskReason.KillSwitchReducing), (flip.Status, flip.RiskReason));
        Assert.Equal(GatewayOrderStatus.Filled, after.Status);
        Assert.Equal(2, LedgerOf(account).Count(e => e.Kind == LedgerEntryKind.Control && e.Detail!.StartsWith("kill switch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SubmitOrderAsync_NoPrice_IsDeniedAsInvalidPriceAndRecorded()
    {
        var account = NewAccount();
        var sut = Gateway(account);
        var deployment = await sut.RegisterDeploymentAsync("np", "a1");

        var result = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("np", "np-1"), Orders.Market with { Ask = 0 });

        Assert.Equal(GatewayOrderStatus.Denied, result.Status);
        Assert.Equal(RiskReason.InvalidPrice, result.RiskReason);
        Assert.Single(LedgerOf(account), e => e.Kind == LedgerEntryKind.Denial);
    }
}
