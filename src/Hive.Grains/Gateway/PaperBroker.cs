using System.Globalization;
using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Gateway;

/// <summary>
/// The simulated broker behind the gateways: one per process, shared by every silo of it, with separate books per
/// account. It stands for the exchange, which lives outside the cluster: it does not fail over with a gateway
/// activation and is not protected by the runtime's single-activation guarantee, which is why it checks the
/// gateway's epoch itself (a fencing token). Market orders fill with <see cref="PaperFillModel"/> at the touch
/// (ask for buys, bid for sells; the bar's close when the market data came from candles), fees from the model.
/// <list type="bullet">
/// <item><description>Gateway epochs: it remembers the highest gateway epoch seen per account (from
/// <see cref="AcknowledgeGatewayEpoch"/> or an order) and refuses any order carrying an older one.</description></item>
/// <item><description>Deployment epochs: orders arrive with a <see cref="BrokerOrderId"/> carrying the epoch of the
/// runner's DeploymentID; it remembers the highest epoch seen per runner and refuses an order carrying an older one
/// (<see cref="PaperBrokerStatus.Fenced"/>), whichever gateway activation forwards it.</description></item>
/// <item><description>Idempotency: a logical client order ID (the <see cref="BrokerOrderId"/> without its epoch) it
/// has already answered gets the first answer again and is counted in
/// <see cref="PaperBrokerAccountStats.DuplicatesReceived"/>, so tests can assert that none arrived. It keeps the last
/// <see cref="RecentOrderCapacity"/> client order IDs per account.</description></item>
/// </list>
/// Thread-safe. State lives in memory, one broker per process: in a cluster of several processes each live silo has its
/// own, so these checks only cover the gateways of one process. Across processes the ledger's unique client order ID
/// per account (PostgreSQL) is what keeps one logical order from being filled twice: the gateway records the order
/// there before it reaches any broker.
/// </summary>
public sealed class PaperBroker : IBroker
{
    /// <summary>Client order IDs remembered per account by default.</summary>
    public const int DefaultRecentOrderCapacity = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AccountBook> _accounts = new(StringComparer.Ordinal);

    /// <summary>Creates a broker filling with <paramref name="model"/> (the default model: 0.1 % fee, no slippage).</summary>
    public PaperBroker(PaperFillModel? model = null, int recentOrderCapacity = DefaultRecentOrderCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recentOrderCapacity);
        Model = model ?? PaperFillModel.Default;
        RecentOrderCapacity = recentOrderCapacity;
    }

    /// <summary>The fill model.</summary>
    public PaperFillModel Model { get; }

    /// <inheritdoc />
    public string Name => "paper";

    /// <summary>Client order IDs remembered per account (the oldest are forgotten first).</summary>
    public int RecentOrderCapacity { get; }

    /// <summary>
    /// Records that a gateway of <paramref name="account"/> took its lease at <paramref name="gatewayEpoch"/>: from now
    /// on orders carrying an older epoch are refused. Returns false when a newer epoch was already seen.
    /// </summary>
    public bool AcknowledgeGatewayEpoch(string account, long gatewayEpoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        lock (_lock)
        {
            var book = BookOf(account);
            if (gatewayEpoch < book.HighestEpoch)
            {
                return false;
            }

            book.HighestEpoch = gatewayEpoch;
            return true;
        }
    }

    /// <summary>
    /// Fills <paramref name="order"/> for <paramref name="account"/> unless its gateway epoch or its deployment epoch is
    /// stale. <see cref="OrderRequest.ClientOrderId"/> is a <see cref="BrokerOrderId"/>; the fill carries it unchanged.
    /// </summary>
    public PaperBrokerResult Submit(string account, long gatewayEpoch, in OrderRequest order, in MarketData market)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        var (logicalId, deploymentEpoch) = BrokerOrderId.Parse(order.ClientOrderId);
        lock (_lock)
        {
            var book = BookOf(account);
            book.Received++;
            if (gatewayEpoch < book.HighestEpoch)
            {
                book.StaleRefused++;
                return new PaperBrokerResult(PaperBrokerStatus.NotAuthoritative, default,
                    string.Create(CultureInfo.InvariantCulture, $"NotAuthoritative: gateway epoch {gatewayEpoch} of account {account} is older than {book.HighestEpoch}"));
            }

            book.HighestEpoch = gatewayEpoch;
            if (deploymentEpoch > 0)
            {
                book.RunnerEpochs.TryGetValue(order.RunnerId, out var highest);
                if (deploymentEpoch < highest)
                {
                    book.StaleRefused++;
                    return new PaperBrokerResult(PaperBrokerStatus.Fenced, default,
                        string.Create(CultureInfo.InvariantCulture, $"Fenced: order {order.ClientOrderId} of runner {order.RunnerId} carries deployment epoch {deploymentEpoch}, older than epoch {highest} already seen"));
                }

                book.RunnerEpochs[order.RunnerId] = deploymentEpoch;
            }

            if (book.Recent.TryGetValue(logicalId, out var first))
            {
                book.Duplicates++;
                return first with { Duplicate = true };
            }

            var result = Execute(order, market);
            if (result.Status == PaperBrokerStatus.Filled)
            {
                book.Filled++;
            }

            book.Remember(logicalId, result, RecentOrderCapacity);
            return result;
        }
    }

    /// <inheritdoc />
    public decimal ExpectedPrice(in OrderRequest order, in MarketData market)
    {
        if (order.Type != OrderType.Market)
        {
            return order.Price ?? 0m;
        }

        var touch = order.Side == OrderSide.Buy ? market.Ask : market.Bid;
        return double.IsFinite(touch) && touch > 0 ? Model.FillPrice(order, market) : 0m;
    }

    /// <inheritdoc />
    public ValueTask<BrokerResult> SubmitAsync(BrokerOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        // What reaches the broker carries the deployment epoch in its client order ID, as it would on an exchange: the
        // broker refuses an order from an older deployment of the runner than one it has seen, whatever the gateway says.
        var sent = order.Order with { ClientOrderId = BrokerOrderId.Format(order.Order.ClientOrderId, order.Deployment.Epoch) };
        var answer = Submit(order.Account, order.GatewayEpoch, sent, order.Market);
        var result = answer.Status switch
        {
            PaperBrokerStatus.Filled => new BrokerResult(BrokerOrderStatus.Filled, [new BrokerFill(answer.Fill with { ClientOrderId = order.Order.ClientOrderId })], null, answer.Duplicate),
            PaperBrokerStatus.NotAuthoritative => BrokerResult.Refused(BrokerOrderStatus.NotAuthoritative, answer.Reason!),
            PaperBrokerStatus.Fenced => BrokerResult.Refused(BrokerOrderStatus.Fenced, answer.Reason!),
            _ => BrokerResult.Refused(BrokerOrderStatus.Rejected, answer.Reason!),
        };
        return ValueTask.FromResult(result);
    }

    /// <summary>The paper broker answers every order at once: an order it does not know was never received.</summary>
    public ValueTask<BrokerResult> ReconcileAsync(BrokerOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_lock)
        {
            var known = BookOf(order.Account).Recent.TryGetValue(order.Order.ClientOrderId, out var first);
            return ValueTask.FromResult(known && first.Status == PaperBrokerStatus.Filled
                ? new BrokerResult(BrokerOrderStatus.Filled, [new BrokerFill(first.Fill with { ClientOrderId = order.Order.ClientOrderId })], null, Duplicate: true)
                : BrokerResult.Refused(BrokerOrderStatus.Rejected, $"NotPlaced: the paper broker never received order {order.Order.ClientOrderId}"));
        }
    }

    /// <summary>A paper account holds exactly what the ledger says: there is nothing else to compare with.</summary>
    public Task<string?> CheckPositionsAsync(string account, IReadOnlyDictionary<string, decimal> netQuantityBySymbol, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(null);

    /// <summary>What the broker has seen of <paramref name="account"/>.</summary>
    public PaperBrokerAccountStats GetStats(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        lock (_lock)
        {
            var book = BookOf(account);
            return new PaperBrokerAccountStats(book.Received, book.Filled, book.Duplicates, book.StaleRefused, book.HighestEpoch);
        }
    }

    private PaperBrokerResult Execute(in OrderRequest order, in MarketData market)
    {
        if (order.Quantity <= 0)
        {
            return new PaperBrokerResult(PaperBrokerStatus.Rejected, default,
                string.Create(CultureInfo.InvariantCulture, $"InvalidQuantity: {order.Quantity} <= 0"));
        }

        if (order.Type == OrderType.Market)
        {
            var touch = order.Side == OrderSide.Buy ? market.Ask : market.Bid;
            if (!double.IsFinite(touch) || touch <= 0)
            {
                return new PaperBrokerResult(PaperBrokerStatus.Rejected, default,
                    string.Create(CultureInfo.InvariantCulture, $"NoPrice: {(order.Side == OrderSide.Buy ? "ask" : "bid")} of {order.Symbol} is {touch}"));
            }
        }
        else if (order.Price is not > 0)
        {
            return new PaperBrokerResult(PaperBrokerStatus.Rejected, default,
                string.Create(CultureInfo.InvariantCulture, $"NoPrice: {order.Type} order {order.ClientOrderId} has price {order.Price?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        }

        return new PaperBrokerResult(PaperBrokerStatus.Filled, Model.Execute(order, market), null);
    }

    private AccountBook BookOf(string account)
    {
        if (!_accounts.TryGetValue(account, out var book))
        {
            book = new AccountBook();
            _accounts.Add(account, book);
        }

        return book;
    }

    private sealed class AccountBook
    {
        public long HighestEpoch;
        public long Received;
        public long Filled;
        public long Duplicates;
        public long StaleRefused;
        public readonly Dictionary<string, PaperBrokerResult> Recent = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> RunnerEpochs = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public void Remember(string clientOrderId, PaperBrokerResult result, int capacity)
        {
            Recent[clientOrderId] = result;
            _order.Enqueue(clientOrderId);
            while (_order.Count > capacity)
            {
                Recent.Remove(_order.Dequeue());
            }
        }
    }
}
