using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Grains.Storage;
using Hive.Grains.Tests.Platform;
using Hive.Testing;
using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Tests.Gateway;

/// <summary>An order whose outcome the broker cannot tell is answered as unknown, then reconciled by the gateway's timer.</summary>
public sealed class GatewayReconciliationTests : IAsyncLifetime
{
    private readonly InMemoryLedger _ledger = new();
    private readonly UnresolvedBroker _broker = new();
    private PlatformCluster _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await PlatformCluster.StartAsync(new MemoryJsonGrainStorage(), _ledger, _broker, new GatewayOptions { ReconcilePeriod = TimeSpan.FromMilliseconds(100) });

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task SubmitOrderAsync_OutcomeUnknown_IsAnsweredAcceptedThenBookedWhenReconciled()
    {
        var sut = _platform.Grains.GetGrain<IGatewayGrain>("recon");
        var deployment = await sut.RegisterDeploymentAsync("r1", "a1").Within();

        var answer = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("r1", "r1-1"), Orders.Market).Within();
        var pending = await sut.GetStatusAsync();
        _broker.Settle();
        await Wait.UntilAsync(async () => (await sut.GetStatusAsync()).UnresolvedOrders == 0, "the gateway reconciled the order");
        var again = await sut.SubmitOrderAsync(deployment, Orders.MarketOrder("r1", "r1-1"), Orders.Market).Within();

        Assert.Equal(GatewayOrderStatus.Accepted, answer.Status);
        Assert.Equal("OutcomeUnknown: the exchange did not answer", answer.Reason);
        Assert.Equal(1, pending.UnresolvedOrders);
        var fill = Assert.Single(_ledger.Entries, e => e.Kind == LedgerEntryKind.Fill && e.Account == "recon");
        Assert.Equal(101m, fill.Price);
        Assert.Contains(_ledger.Entries, e => e.Kind == LedgerEntryKind.Control && e.Detail == "order r1-1 reconciled: Filled");
        Assert.Equal(GatewayOrderStatus.Filled, again.Status);
        Assert.Equal(1, _broker.Submitted);
    }

    // Cannot tell what became of the order until the test settles it; never receives it twice.
    private sealed class UnresolvedBroker : IBroker
    {
        private volatile bool _settled;
        private int _submitted;

        public string Name => "unresolved";

        public int Submitted => Volatile.Read(ref _submitted);

        public void Settle() => _settled = true;

        public bool AcknowledgeGatewayEpoch(string account, long gatewayEpoch) => true;

        public decimal ExpectedPrice(in OrderRequest order, in MarketData market) => 101m;

        public ValueTask<BrokerResult> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _submitted);
            return ValueTask.FromResult(BrokerResult.Refused(BrokerOrderStatus.Unresolved, "OutcomeUnknown: the exchange did not answer"));
        }

        public ValueTask<BrokerResult> ReconcileAsync(BrokerOrder order, CancellationToken cancellationToken = default)
        {
            var o = order.Order;
            return ValueTask.FromResult(_settled
                ? new BrokerResult(BrokerOrderStatus.Filled, [new BrokerFill(new Fill(o.ClientOrderId, o.RunnerId, o.Symbol, o.Side, o.Quantity, 101m, 0.1m, 5))], null)
                : BrokerResult.Refused(BrokerOrderStatus.Unresolved, "still unknown"));
        }

        public Task<string?> CheckPositionsAsync(string account, IReadOnlyDictionary<string, decimal> netQuantityBySymbol, CancellationToken cancellationToken = default) =>
            Task.FromResult<string?>(null);
    }
}
