using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Gateway;

/// <summary>
/// Where a gateway sends the orders it accepted: the <see cref="PaperBroker"/> (fills at the touch, in memory) or an
/// exchange (<see cref="Exchange.BinanceBroker"/>). The silo's dependency injection provides one instance per process;
/// it stands for the exchange, so it does not fail over with a gateway activation and checks the gateway's epoch itself.
/// </summary>
public interface IBroker
{
    /// <summary>A short description for logs and status (<c>paper</c>, <c>binance testnet at https://…</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Records that a gateway of <paramref name="account"/> took its lease at <paramref name="gatewayEpoch"/>; returns
    /// false when a newer epoch was already seen (this gateway is stale).
    /// </summary>
    bool AcknowledgeGatewayEpoch(string account, long gatewayEpoch);

    /// <summary>The price account-level risk values <paramref name="order"/> at (0 when unknown).</summary>
    decimal ExpectedPrice(in OrderRequest order, in MarketData market);

    /// <summary>
    /// Executes <paramref name="order"/>: returns its fills, or why it was refused, or that its outcome is still unknown.
    /// An order is sent at most once under its client order ID; an unknown outcome is settled by querying that ID,
    /// never by sending it again under another.
    /// </summary>
    ValueTask<BrokerResult> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Settles an order that <see cref="SubmitAsync"/> answered <see cref="BrokerOrderStatus.Unresolved"/> by querying it
    /// (never by sending it again); answers <see cref="BrokerOrderStatus.Unresolved"/> while it still cannot tell.
    /// </summary>
    ValueTask<BrokerResult> ReconcileAsync(BrokerOrder order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares the positions the ledger gives the runners of <paramref name="account"/> (net quantity per symbol)
    /// with what the broker holds; returns <c>null</c> when they agree, else a message naming the asset and the numbers.
    /// </summary>
    Task<string?> CheckPositionsAsync(string account, IReadOnlyDictionary<string, decimal> netQuantityBySymbol, CancellationToken cancellationToken = default);
}
