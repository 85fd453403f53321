using Hive.Grains.Storage;
using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Grains.Runners;
using Hive.Grains.Tests.Platform;
using Hive.Trading.Execution;
using Hive.Trading.Risk;

namespace Hive.Grains.Tests.Gateway;

/// <summary>Fencing and gateway authority across silo failures and duplicate activations; each test has its own cluster.</summary>
public sealed class GatewayFailoverTests
{
    private const string Account = "acct";

    private static Task<PlatformCluster> StartAsync(InMemoryLedger ledger, PaperBroker broker, GatewayOptions? options = null, MemoryJsonGrainStorage? storage = null) =>
        GatewayClusterFixture.StartAsync(ledger, broker, options, storage);

    [Fact]
    public async Task SubmitOrderAsync_RunnerReactivatedAfterSiloKill_OldDeploymentIdIsFenced()
    {
        const string account = "acct-runner";
        await using var platform = await PlatformCluster.StartAsync();
        var registry = platform.Registry;
        var old = (await registry.AddRunnerAsync(Definitions.Runner("btc_ema", Orders.Symbol, "ema-cross", account: account)).Within()).Deployment;
        var host = (await platform.HostOfAsync<IRunnerGrain>("btc_ema"))!;

        await platform.Cluster.KillSiloAsync(host);
        var current = (await registry.GetRunnerAsync("btc_ema").Within()).Deployment;
        var gateway = platform.Grains.GetGrain<IGatewayGrain>(account);
        var stale = await gateway.SubmitOrderAsync(old, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market).Within();
        var fresh = await gateway.SubmitOrderAsync(current, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market).Within();
        var status = await gateway.GetStatusAsync();

        Assert.NotEqual(host, (await platform.HostOfAsync<IRunnerGrain>("btc_ema")));
        Assert.True(current.Epoch > old.Epoch, $"epoch {current.Epoch} after {old.Epoch}");
        Assert.Equal(GatewayOrderStatus.Fenced, stale.Status);
        Assert.Equal($"Fenced: runner btc_ema epoch {old.Epoch} is not current (current {current.Epoch})", stale.Reason);
        Assert.Equal(GatewayOrderStatus.Filled, fresh.Status);
        Assert.Equal([current], status.Deployments.Where(d => d.RunnerId == "btc_ema"));
        Assert.Single(platform.Ledger.Entries, e => e.Kind == LedgerEntryKind.Fenced && e.ClientOrderId == "btc_ema-1");
        Assert.Equal((1L, 0L), (platform.Broker.GetStats(account).OrdersFilled, platform.Broker.GetStats(account).DuplicatesReceived));
    }

    [Fact]
    public async Task SubmitOrderAsync_StaleAndCurrentActivationConcurrently_OnlyCurrentTradesAndBrokerSeesNoDuplicate()
    {
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        await using var cluster = await StartAsync(ledger, broker);
        var gateway = cluster.Grains.GetGrain<IGatewayGrain>(Account);
        var stale = await gateway.RegisterDeploymentAsync("eth_rsi", "silo0-stale");
        var current = await gateway.RegisterDeploymentAsync("eth_rsi", "silo1-current");
        const int orders = 20;

        // Both activations restored the same snapshot, so they send the same client order IDs, from different silos.
        var fromStale = Enumerable.Range(1, orders).Select(i => PlatformCluster.FactoryOf(cluster.Cluster.Silos[i % 3]).GetGrain<IGatewayGrain>(Account)
            .SubmitOrderAsync(stale, Orders.MarketOrder("eth_rsi", $"eth_rsi-{i}"), Orders.Market));
        var fromCurrent = Enumerable.Range(1, orders).Select(i => PlatformCluster.FactoryOf(cluster.Cluster.Silos[(i + 1) % 3]).GetGrain<IGatewayGrain>(Account)
            .SubmitOrderAsync(current, Orders.MarketOrder("eth_rsi", $"eth_rsi-{i}"), Orders.Market));
        var staleTask = Task.WhenAll(fromStale);
        var currentTask = Task.WhenAll(fromCurrent);
        var staleResults = await staleTask.Within();
        var currentResults = await currentTask.Within();
        var stats = broker.GetStats(Account);

        Assert.All(staleResults, r => Assert.Equal(GatewayOrderStatus.Fenced, r.Status));
        Assert.All(currentResults, r => Assert.Equal(GatewayOrderStatus.Filled, r.Status));
        Assert.Equal((long)orders, stats.OrdersReceived);
        Assert.Equal(0, stats.DuplicatesReceived);
        Assert.Equal(orders, ledger.Entries.Count(e => e.Kind == LedgerEntryKind.Fill));
        Assert.Equal(orders, ledger.Entries.Count(e => e.Kind == LedgerEntryKind.Fenced));
    }

    [Fact]
    public async Task GatewayReactivatedAfterSiloKill_NeverReissuesEpochsAndKeepsPositionsAndAnswers()
    {
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        await using var cluster = await StartAsync(ledger, broker);
        var victim = cluster.Cluster.Silos[1];
        var sut = cluster.Grains.GetGrain<IGatewayGrain>(GatewayClusterFixture.RiskAccount);
        var first = await PlatformCluster.OnSiloAsync(victim, () => sut.RegisterDeploymentAsync("pos", "a1")).Within();
        Assert.Equal(victim, await cluster.HostOfAsync<IGatewayGrain>(GatewayClusterFixture.RiskAccount));
        var filled = await sut.SubmitOrderAsync(first, Orders.MarketOrder("pos", "pos-1", quantity: 9m), Orders.Market);
        await sut.SetKillSwitchAsync(KillSwitchLevel.Reducing, "test");

        await cluster.KillSiloAsync(victim);
        var second = await sut.RegisterDeploymentAsync("pos", "a2").Within();
        var status = await sut.GetStatusAsync();
        var resubmitted = await sut.SubmitOrderAsync(second, Orders.MarketOrder("pos", "pos-1", quantity: 9m), Orders.Market);
        await sut.SetKillSwitchAsync(KillSwitchLevel.Off, "test over");
        var fits = await sut.SubmitOrderAsync(second, Orders.MarketOrder("pos", "pos-2", quantity: 9m), Orders.Market);
        var tooLarge = await sut.SubmitOrderAsync(second, Orders.MarketOrder("pos", "pos-3", quantity: 3m), Orders.Market);

        Assert.Equal(2, second.Epoch);
        Assert.Equal(2, status.GatewayEpoch);
        Assert.Equal(KillSwitchLevel.Reducing, status.KillSwitch);
        Assert.Equal(filled, resubmitted);
        Assert.Equal("PositionExceedsMaximum: 21 > 20", tooLarge.Reason);
        Assert.Equal(GatewayOrderStatus.Filled, fits.Status);
        Assert.Equal((2L, 0L), (broker.GetStats(GatewayClusterFixture.RiskAccount).OrdersReceived, broker.GetStats(GatewayClusterFixture.RiskAccount).DuplicatesReceived));
    }

    [Fact]
    public async Task SecondGatewayActivation_OlderEpochCannotAcceptOrders()
    {
        // Two clusters on one storage, ledger and broker: the same gateway activates in each, as it would on the two
        // sides of a partition. The later activation takes the lease; the earlier one must not trade any more.
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var storage = new MemoryJsonGrainStorage();
        await using var left = await StartAsync(ledger, broker, storage: storage);
        await using var right = await StartAsync(ledger, broker, storage: storage);
        var older = left.Grains.GetGrain<IGatewayGrain>(Account);
        var deployment = await older.RegisterDeploymentAsync("btc_ema", "a1").Within();
        var before = await older.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market);

        var newer = right.Grains.GetGrain<IGatewayGrain>(Account);
        var newerStatus = await newer.GetStatusAsync().Within();
        var refused = await older.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-2"), Orders.Market).Within();
        var receivedAfterRefusal = broker.GetStats(Account).OrdersReceived;
        var again = await older.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-3"), Orders.Market);
        var register = await Assert.ThrowsAnyAsync<Exception>(() => older.RegisterDeploymentAsync("btc_ema", "a2"));
        var accepted = await newer.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-2"), Orders.Market);

        Assert.Equal(GatewayOrderStatus.Filled, before.Status);
        Assert.Equal(2, newerStatus.GatewayEpoch);
        Assert.Equal(GatewayOrderStatus.NotAuthoritative, refused.Status);
        Assert.Equal("NotAuthoritative: gateway epoch 1 of account acct is older than 2", refused.Reason);
        Assert.Equal(GatewayOrderStatus.NotAuthoritative, again.Status);
        Assert.Equal(receivedAfterRefusal, broker.GetStats(Account).OrdersReceived - 1);
        Assert.Contains("NotAuthoritative", register.Message, StringComparison.Ordinal);
        Assert.Equal(GatewayOrderStatus.Filled, accepted.Status);
        var stats = broker.GetStats(Account);
        Assert.Equal((2L, 1L, 0L), (stats.OrdersFilled, stats.StaleEpochRefused, stats.DuplicatesReceived));
    }

    [Fact]
    public async Task SecondGatewayActivation_OlderNoticesOnItsNextWriteAndStops()
    {
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var storage = new MemoryJsonGrainStorage();
        var options = GatewayClusterFixture.CreateOptions();
        options.LeaseCheckPeriod = TimeSpan.FromHours(1);
        await using var left = await StartAsync(ledger, broker, options, storage);
        await using var right = await StartAsync(ledger, broker, options, storage);
        var older = left.Grains.GetGrain<IGatewayGrain>(Account);
        var deployment = await older.RegisterDeploymentAsync("btc_ema", "a1").Within();
        await right.Grains.GetGrain<IGatewayGrain>(Account).GetStatusAsync().Within();

        var write = await Assert.ThrowsAnyAsync<Exception>(() => older.RegisterDeploymentAsync("btc_ema", "a2")).Within();
        var status = await older.GetStatusAsync();
        var refused = await older.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market);
        var killSwitch = await Assert.ThrowsAnyAsync<Exception>(() => older.SetKillSwitchAsync(KillSwitchLevel.Halted, "late"));

        Assert.Contains("gateway acct epoch 1 lost its lease", write.Message, StringComparison.Ordinal);
        Assert.False(status.Authoritative);
        Assert.Equal([deployment], status.Deployments);
        Assert.Equal(GatewayOrderStatus.NotAuthoritative, refused.Status);
        Assert.Contains("NotAuthoritative", killSwitch.Message, StringComparison.Ordinal);
        Assert.Equal(0, broker.GetStats(Account).OrdersReceived);
    }

    [Fact]
    public async Task SecondGatewayActivation_LeaseCheckStopsOlderBeforeItSendsAnything()
    {
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var storage = new MemoryJsonGrainStorage();
        var options = GatewayClusterFixture.CreateOptions();
        options.LeaseCheckPeriod = TimeSpan.FromMilliseconds(50);
        await using var left = await StartAsync(ledger, broker, options, storage);
        await using var right = await StartAsync(ledger, broker, options, storage);
        var older = left.Grains.GetGrain<IGatewayGrain>(Account);
        var deployment = await older.RegisterDeploymentAsync("btc_ema", "a1").Within();

        await right.Grains.GetGrain<IGatewayGrain>(Account).GetStatusAsync().Within();
        await Wait.UntilAsync(async () => !(await older.GetStatusAsync()).Authoritative, "the older gateway notices it lost its lease");
        var refused = await older.SubmitOrderAsync(deployment, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market);

        Assert.Equal(GatewayOrderStatus.NotAuthoritative, refused.Status);
        Assert.Equal("NotAuthoritative: gateway acct epoch 1 lost its lease to epoch 2", refused.Reason);
        Assert.Equal(0, broker.GetStats(Account).OrdersReceived);
        Assert.Single(ledger.Entries, e => e.Kind == LedgerEntryKind.Rejection && e.ClientOrderId == "btc_ema-1");
    }

    [Fact]
    public async Task SecondGatewayActivation_OlderReadsItsExpiredLeaseBeforeTheOrderAndFencesTheStaleDeployment()
    {
        // The older side was paused (as a SIGSTOPped silo): its lease check timer never ran, the newer side took the
        // lease and registered the runner's next deployment. The first order after the pause must not reach the broker.
        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var storage = new MemoryJsonGrainStorage();
        var options = GatewayClusterFixture.CreateOptions();
        options.LeaseCheckPeriod = TimeSpan.FromHours(1);
        options.LeaseTtl = TimeSpan.FromTicks(1);
        await using var left = await StartAsync(ledger, broker, options, storage);
        await using var right = await StartAsync(ledger, broker, options, storage);
        var older = left.Grains.GetGrain<IGatewayGrain>(Account);
        var stale = await older.RegisterDeploymentAsync("btc_ema", "a1").Within();
        var current = await right.Grains.GetGrain<IGatewayGrain>(Account).RegisterDeploymentAsync("btc_ema", "a2").Within();

        var refused = await older.SubmitOrderAsync(stale, Orders.MarketOrder("btc_ema", "btc_ema-1"), Orders.Market).Within();
        var status = await older.GetStatusAsync();

        Assert.Equal(2, current.Epoch);
        Assert.Equal(GatewayOrderStatus.Fenced, refused.Status);
        Assert.Equal("Fenced: runner btc_ema epoch 1 is not current (current 2)", refused.Reason);
        Assert.False(status.Authoritative);
        Assert.Equal(0, broker.GetStats(Account).OrdersReceived);
        Assert.Single(ledger.Entries, e => e.Kind == LedgerEntryKind.Fenced && e.ClientOrderId == "btc_ema-1");
    }
}
