using System.Globalization;
using Hive.Grains.Diagnostics;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hive.Grains.Gateway;

/// <summary>
/// The gateway of one broker account (key = account). Every order goes through, in order: the gateway's own authority
/// (lease), DeploymentID fencing, idempotency of the client order ID, account risk and the kill switch, then the
/// <see cref="IBroker"/> (the <see cref="PaperBroker"/>, or an exchange); every outcome is appended to the
/// <see cref="ILedger"/>, every execution of a fill as its own entry with the exchange's IDs and commission.
/// <para>Exchange rules and unknown outcomes: an order the exchange's filters refuse before sending is a denial naming
/// the filter; an order whose outcome the broker could not learn is answered <see cref="GatewayOrderStatus.Accepted"/>
/// with the reason, kept in memory and reconciled by the broker every <see cref="GatewayOptions.ReconcilePeriod"/>
/// (queried, never resent), its fills booked when they become known.</para>
/// <para>Positions: on activation, after the ledger replay, the broker compares the runners' positions with the
/// account's balances; a mismatch is logged, recorded and shown in <see cref="GatewayStatus.PositionCheck"/>.</para>
/// <para>Authority: on activation the gateway takes the lease by incrementing the persisted gateway epoch with a
/// compare-and-swap write (ETag) and tells the broker; it passes that epoch with every order. It stops accepting
/// orders (<see cref="GatewayOrderStatus.NotAuthoritative"/>) once it learns that a newer activation took the lease:
/// a write failing with <see cref="InconsistentStateException"/>, the periodic lease check
/// (<see cref="GatewayOptions.LeaseCheckPeriod"/>), or the broker refusing its epoch.</para>
/// <para>A lease confirmed longer ago than <see cref="GatewayOptions.LeaseTtl"/> (shorter than failure detection) is
/// read again before the next order, so an activation on a silo that was paused or cut off while the cluster moved on
/// learns it before it forwards anything; the reloaded deployments then fence the stale runners' orders.</para>
/// <para>To the broker an order goes as a <see cref="BrokerOrderId"/> (logical client order ID + deployment epoch), and
/// it is recorded in the ledger first: a ledger that enforces unique client order IDs per account (PostgreSQL) refuses
/// the second record of one logical order (<see cref="DuplicateClientOrderIdException"/>), so a gateway activation in
/// another process never sends it again.</para>
/// <para>Idempotency: the first answer of the last <see cref="GatewayOptions.IdempotencyCapacity"/> client order IDs
/// is kept (rebuilt from the ledger on activation). Fencing comes first and its answers are not remembered, so an
/// order ID that a stale activation sent is still served when the current activation sends it.</para>
/// <para>Account risk: positions per runner are rebuilt from the ledger's fills on activation, so exposure limits hold
/// across a failover.</para>
/// </summary>
[LivePlacement]
internal sealed class GatewayGrain : Grain, IGatewayGrain
{
    private const int LeaseAttempts = 10;
    private const string FilledAt = " filled at ";

    private readonly IPersistentState<GatewayState> _state;
    private readonly ILedger _ledger;
    private readonly IBroker _broker;
    private readonly List<BrokerOrder> _unresolved = [];
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, RunnerPosition> _positions = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentFenced = new();
    private readonly Dictionary<string, (DeploymentId Deployment, string Text)> _deploymentTexts = new(StringComparer.Ordinal);
    private ILogger _logger = NullLogger.Instance;
    private RecentOrderResults _recent = null!;
    private Task _replay = Task.CompletedTask;
    private AccountRisk _account = null!;
    private RiskEngine _risk = null!;
    private string _key = string.Empty;
    private long _epoch;
    private long _leaseConfirmedAt;
    private string? _lostReason;
    private long _filled;
    private long _fenced;
    private long _denied;
    private long _rejected;
    private long _duplicates;
    private string? _positionCheck;

    public GatewayGrain(
        [PersistentState("gateway", HivePlatform.StorageName)] IPersistentState<GatewayState> state,
        ILedger ledger,
        IBroker broker,
        GatewayOptions options,
        TimeProvider time)
    {
        _state = state;
        _ledger = ledger;
        _broker = broker;
        _options = options;
        _time = time;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        _logger = (ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Hive.Grains.Gateway");
        _recent = new RecentOrderResults(_options.IdempotencyCapacity);
        _account = new AccountRisk(_options.LimitsFor(_key));
        _risk = new RiskEngine(RiskLimits.None, _account);

        var started = _time.GetTimestamp();
        await TakeLeaseAsync(cancellationToken);
        _leaseConfirmedAt = _time.GetTimestamp();
        _account.KillSwitch.Engage(_state.State.KillSwitch, _state.State.KillSwitchReason);
        await RecordControlAsync(null, string.Create(CultureInfo.InvariantCulture, $"gateway lease taken at epoch {_epoch} (broker {_broker.Name})"));
        // With the lease taken, the gateway is the account's authority: it registers deployments (which fence the
        // previous activations) at once, while the ledger replay that rebuilds positions and recent answers runs on this
        // activation's scheduler beside them. Everything that reads what the replay rebuilds (orders, reconciliation,
        // status, the kill switch) awaits it first. On a failover this takes the replay (0.6-1.1 s on the loaded dev
        // machine) off the path of the runners' registrations.
        _replay = ReplayInBackgroundAsync(started);
        this.RegisterGrainTimer(CheckLeaseAsync, _options.LeaseCheckPeriod, _options.LeaseCheckPeriod);
        this.RegisterGrainTimer(ReconcileUnresolvedAsync, _options.ReconcilePeriod, _options.ReconcilePeriod);
    }

    public async Task<DeploymentId> RegisterDeploymentAsync(string runnerId, string activation)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        ArgumentException.ThrowIfNullOrEmpty(activation);
        EnsureAuthoritative();
        var runners = _state.State.Runners;
        runners.TryGetValue(runnerId, out var previous);
        var deployment = new DeploymentId(runnerId, (previous?.Epoch ?? 0) + 1, activation);
        runners[runnerId] = new RunnerDeployment(deployment.Epoch, activation, Revoked: false);
        await WriteStateAsync(() => Restore(runners, runnerId, previous));
        await RecordControlAsync(runnerId, previous is null
            ? $"deployment {deployment} registered"
            : $"deployment {deployment} registered; epoch {previous.Epoch} fenced");
        _logger.LogInformation("Gateway {Account}: runner {RunnerId} deployment {Deployment} is current.", _key, runnerId, deployment);
        return deployment;
    }

    public async Task RevokeAsync(string runnerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        EnsureAuthoritative();
        var runners = _state.State.Runners;
        if (!runners.TryGetValue(runnerId, out var previous) || previous.Revoked)
        {
            return;
        }

        runners[runnerId] = previous with { Revoked = true };
        await WriteStateAsync(() => Restore(runners, runnerId, previous));
        await RecordControlAsync(runnerId, string.Create(CultureInfo.InvariantCulture, $"runner {runnerId} revoked; every deployment up to epoch {previous.Epoch} fenced"));
        _logger.LogInformation("Gateway {Account}: runner {RunnerId} revoked.", _key, runnerId);
    }

    public async Task<GatewayOrderResult> SubmitOrderAsync(DeploymentId deployment, OrderRequest order, MarketData market)
    {
        await _replay;
        var result = await DecideAsync(deployment, order, market);
        HiveMetrics.Order(_key, result.Status switch
        {
            GatewayOrderStatus.Filled => "filled",
            GatewayOrderStatus.Denied => "denied",
            GatewayOrderStatus.Fenced => "fenced",
            GatewayOrderStatus.Accepted => "pending",
            GatewayOrderStatus.NotAuthoritative => "not_authoritative",
            _ => "rejected",
        }, result.Status == GatewayOrderStatus.Denied ? DenialKind(result) : null);
        return result;
    }

    // A bounded label for the orders metric: the risk rule, or the exchange filter's kind, never the free text.
    private static string DenialKind(GatewayOrderResult result) =>
        result.RiskReason != RiskReason.None ? result.RiskReason.ToString()
        : result.Reason?.StartsWith("ExchangeFilter", StringComparison.Ordinal) == true ? "ExchangeFilter"
        : "Other";

    private async Task<GatewayOrderResult> DecideAsync(DeploymentId deployment, OrderRequest order, MarketData market)
    {
        ArgumentException.ThrowIfNullOrEmpty(order.ClientOrderId);
        ArgumentException.ThrowIfNullOrEmpty(order.RunnerId);
        // A lease confirmed longer ago than LeaseTtl (this silo was paused or partitioned, or simply idle) is read
        // again before the order goes anywhere: a pause longer than failure detection always ends here.
        if (_lostReason is null && _time.GetElapsedTime(_leaseConfirmedAt) > _options.LeaseTtl)
        {
            await ConfirmLeaseAsync(CancellationToken.None);
        }

        var fencedReason = FencingReason(deployment, order);
        if (fencedReason is not null)
        {
            return await FenceAsync(order, fencedReason);
        }

        if (_lostReason is not null)
        {
            return await NotAuthoritativeAsync(deployment, order, _lostReason);
        }

        if (_recent.TryGet(order.ClientOrderId, out var first))
        {
            _duplicates++;
            return first;
        }

        var position = _positions.TryGetValue(order.RunnerId, out var held) ? held.Quantity : 0m;
        var decision = _risk.Evaluate(order, position, ExpectedPrice(order, market));
        if (!decision.IsAccepted)
        {
            _denied++;
            var denied = new GatewayOrderResult(GatewayOrderStatus.Denied, null, decision.Message, decision.Reason);
            _recent.Add(order.ClientOrderId, denied);
            await AppendAsync(LedgerEntryKind.Denial, order, null, null, decision.ToString());
            return denied;
        }

        var deploymentText = TextOf(deployment);
        try
        {
            await AppendAsync(LedgerEntryKind.Order, order, order.Price, null, deploymentText);
        }
        catch (DuplicateClientOrderIdException)
        {
            // Another gateway activation (another process) recorded this logical order first: it is not sent again.
            _duplicates++;
            var earlier = await EarlierOutcomeAsync(order);
            _recent.Add(order.ClientOrderId, earlier);
            return earlier;
        }

        // Recording the order awaited the database: a silo paused there (SIGSTOP, a long GC, a VM freeze) resumes with a
        // lease it has not confirmed for a while, and the cluster may have moved on. Check again before the broker.
        if (_time.GetElapsedTime(_leaseConfirmedAt) > _options.LeaseTtl)
        {
            await ConfirmLeaseAsync(CancellationToken.None);
            if (FencingReason(deployment, order) is { } lateFence)
            {
                return await FenceAsync(order, lateFence);
            }

            if (_lostReason is not null)
            {
                return await NotAuthoritativeAsync(deployment, order, _lostReason);
            }
        }

        var brokerOrder = new BrokerOrder(_key, _epoch, deployment, order, market);
        BrokerResult answer;
        try
        {
            answer = await _broker.SubmitAsync(brokerOrder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The broker failed in a way it could not settle: the order may exist, so it is reconciled, never resent.
            answer = BrokerResult.Refused(BrokerOrderStatus.Unresolved, $"OutcomeUnknown: {ex.Message}");
        }

        switch (answer.Status)
        {
            case BrokerOrderStatus.Filled:
                var fill = await BookFillsAsync(order, deploymentText, answer);
                _filled++;
                var filled = new GatewayOrderResult(GatewayOrderStatus.Filled, fill, answer.Reason);
                _recent.Add(order.ClientOrderId, filled);
                return filled;
            case BrokerOrderStatus.NotAuthoritative:
                LoseLease(answer.Reason!);
                return await NotAuthoritativeAsync(deployment, order, answer.Reason!);
            case BrokerOrderStatus.FilterRejected:
                // The exchange's rules refuse it before it is sent: a pre-trade denial, with the filter named.
                _denied++;
                var denied = new GatewayOrderResult(GatewayOrderStatus.Denied, null, answer.Reason);
                _recent.Add(order.ClientOrderId, denied);
                await AppendAsync(LedgerEntryKind.Denial, order, null, null, answer.Reason);
                return denied;
            case BrokerOrderStatus.Unresolved:
                _unresolved.Add(brokerOrder);
                var unknown = new GatewayOrderResult(GatewayOrderStatus.Accepted, null, answer.Reason);
                _recent.Add(order.ClientOrderId, unknown);
                await RecordControlAsync(order.RunnerId, $"order {order.ClientOrderId} outcome unknown, reconciling by its client order ID: {answer.Reason}");
                _logger.LogWarning("Gateway {Account}: order {ClientOrderId} of runner {RunnerId} outcome unknown ({Reason}); reconciling.", _key, order.ClientOrderId, order.RunnerId, answer.Reason);
                return unknown;
            case BrokerOrderStatus.Fenced:
                // The broker has seen a newer deployment of this runner: this gateway's view is stale.
                return await FenceAsync(order, answer.Reason!);
            default:
                _rejected++;
                var rejected = new GatewayOrderResult(GatewayOrderStatus.Rejected, null, answer.Reason);
                _recent.Add(order.ClientOrderId, rejected);
                await AppendAsync(LedgerEntryKind.Rejection, order, null, null, answer.Reason);
                return rejected;
        }
    }

    // Every execution goes to the ledger as the broker reported it (price, quantity, fee, the exchange's IDs); the runner
    // gets them as one fill.
    private async Task<Fill> BookFillsAsync(OrderRequest order, string deploymentText, BrokerResult answer)
    {
        foreach (var execution in answer.Fills)
        {
            var fill = execution.Fill;
            ApplyFill(fill);
            var exchange = execution.ExchangeOrderId is null
                ? string.Empty
                : string.Create(CultureInfo.InvariantCulture, $" exchange order {execution.ExchangeOrderId} trade {execution.TradeId} commission {execution.Commission}");
            await AppendAsync(LedgerEntryKind.Fill, order, fill.Price, fill.Fee,
                string.Create(CultureInfo.InvariantCulture, $"{deploymentText}{exchange}{FilledAt}{fill.Timestamp}"), fill.Quantity);
        }

        return answer.Total();
    }

    private async Task ReconcileUnresolvedAsync(CancellationToken cancellationToken)
    {
        await _replay;
        if (_unresolved.Count == 0 || _lostReason is not null)
        {
            return;
        }

        foreach (var pending in _unresolved.ToArray())
        {
            BrokerResult answer;
            try
            {
                answer = await _broker.ReconcileAsync(pending, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("Gateway {Account}: reconciling order {ClientOrderId} failed: {Error}", _key, pending.Order.ClientOrderId, ex.Message);
                continue;
            }

            var order = pending.Order;
            switch (answer.Status)
            {
                case BrokerOrderStatus.Unresolved:
                    continue;
                case BrokerOrderStatus.Filled:
                    var fill = await BookFillsAsync(order, TextOf(pending.Deployment), answer);
                    _filled++;
                    _recent.Replace(order.ClientOrderId, new GatewayOrderResult(GatewayOrderStatus.Filled, fill, answer.Reason));
                    break;
                default:
                    _rejected++;
                    _recent.Replace(order.ClientOrderId, new GatewayOrderResult(GatewayOrderStatus.Rejected, null, answer.Reason));
                    await AppendAsync(LedgerEntryKind.Rejection, order, null, null, answer.Reason);
                    break;
            }

            _unresolved.Remove(pending);
            await RecordControlAsync(order.RunnerId, $"order {order.ClientOrderId} reconciled: {answer.Status}{(answer.Reason is null ? string.Empty : " (" + answer.Reason + ")")}");
            _logger.LogWarning("Gateway {Account}: order {ClientOrderId} of runner {RunnerId} reconciled as {Status}.", _key, order.ClientOrderId, order.RunnerId, answer.Status);
        }
    }

    // The ledger's positions must be what the broker holds; a difference is reported (log, ledger, status), not traded on.
    private async Task CheckPositionsAsync(CancellationToken cancellationToken)
    {
        var bySymbol = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (_, position) in _positions)
        {
            bySymbol[position.Symbol] = bySymbol.GetValueOrDefault(position.Symbol) + position.Quantity;
        }

        string? problem;
        try
        {
            problem = await _broker.CheckPositionsAsync(_key, bySymbol, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problem = $"the position check against {_broker.Name} failed: {ex.Message}";
        }

        _positionCheck = problem;
        if (problem is not null)
        {
            _logger.LogError("Gateway {Account}: {Problem}", _key, problem);
            await RecordControlAsync(null, problem);
        }
    }

    public async Task SetKillSwitchAsync(KillSwitchLevel level, string reason)
    {
        await _replay;
        EnsureAuthoritative();
        var state = _state.State;
        var (previousLevel, previousReason) = (state.KillSwitch, state.KillSwitchReason);
        state.KillSwitch = level;
        state.KillSwitchReason = level == KillSwitchLevel.Off ? null : reason;
        await WriteStateAsync(() =>
        {
            state.KillSwitch = previousLevel;
            state.KillSwitchReason = previousReason;
        });
        _account.KillSwitch.Engage(level, reason);
        await RecordControlAsync(null, $"kill switch {level}: {reason}");
        _logger.LogWarning("Gateway {Account}: kill switch {Level} ({Reason}).", _key, level, reason);
    }

    public async Task<GatewayStatus> GetStatusAsync()
    {
        await _replay;
        var deployments = new List<DeploymentId>(_state.State.Runners.Count);
        foreach (var (runnerId, record) in _state.State.Runners)
        {
            if (!record.Revoked)
            {
                deployments.Add(new DeploymentId(runnerId, record.Epoch, record.Activation));
            }
        }

        deployments.Sort(static (a, b) => string.CompareOrdinal(a.RunnerId, b.RunnerId));
        return new GatewayStatus(
            _key, _epoch, _account.KillSwitch.Level, deployments, _filled, _fenced, _denied, _rejected, _duplicates,
            _recentFenced.ToArray(), _lostReason is null, _broker.Name, _positionCheck, _unresolved.Count, _account.KillSwitch.Reason, _options.LimitsFor(_key));
    }

    private async Task TakeLeaseAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var epoch = _state.State.GatewayEpoch + 1;
            _state.State.GatewayEpoch = epoch;
            try
            {
                await _state.WriteStateAsync(cancellationToken);
                _epoch = epoch;
                break;
            }
            catch (InconsistentStateException) when (attempt < LeaseAttempts)
            {
                // Another activation moved the lease between our read and write: read again and go above it.
                await _state.ReadStateAsync(cancellationToken);
            }
        }

        if (!_broker.AcknowledgeGatewayEpoch(_key, _epoch))
        {
            LoseLease(string.Create(CultureInfo.InvariantCulture, $"NotAuthoritative: the broker has seen a gateway epoch above {_epoch} for account {_key}"));
        }

        _logger.LogInformation("Gateway {Account}: lease taken at epoch {Epoch}.", _key, _epoch);
    }

    private Task CheckLeaseAsync(CancellationToken cancellationToken) =>
        _lostReason is null ? ConfirmLeaseAsync(cancellationToken) : Task.CompletedTask;

    private async Task ConfirmLeaseAsync(CancellationToken cancellationToken)
    {
        // Safe to reload: only the lease holder writes, so while the epoch is ours the stored state is ours; once it is
        // not, this activation never writes again, and the reloaded deployments fence the runners' stale activations.
        var started = _time.GetTimestamp();
        await _state.ReadStateAsync(cancellationToken);
        if (_state.State.GatewayEpoch != _epoch)
        {
            LoseLease(string.Create(CultureInfo.InvariantCulture,
                $"NotAuthoritative: gateway {_key} epoch {_epoch} lost its lease to epoch {_state.State.GatewayEpoch}"));
            return;
        }

        _leaseConfirmedAt = started;
    }

    private async Task<GatewayOrderResult> FenceAsync(OrderRequest order, string reason)
    {
        _fenced++;
        RememberFenced(reason);
        await AppendAsync(LedgerEntryKind.Fenced, order, null, null, reason);
        _logger.LogWarning("Gateway {Account}: {Reason} (order {ClientOrderId}).", _key, reason, order.ClientOrderId);
        return new GatewayOrderResult(GatewayOrderStatus.Fenced, null, reason);
    }

    // The first outcome the ledger holds for a logical order another activation recorded. Without one (that activation
    // stopped between recording the order and its outcome, or was fenced) the order is refused: sending it again could
    // fill it twice.
    private async Task<GatewayOrderResult> EarlierOutcomeAsync(OrderRequest order)
    {
        await foreach (var entry in _ledger.ReadAllAsync())
        {
            if (!string.Equals(entry.Account, _key, StringComparison.Ordinal)
                || !string.Equals(entry.ClientOrderId, order.ClientOrderId, StringComparison.Ordinal))
            {
                continue;
            }

            if (entry is { Kind: LedgerEntryKind.Fill, Quantity: { } quantity, Price: { } price })
            {
                var side = string.Equals(entry.Side, nameof(OrderSide.Sell), StringComparison.Ordinal) ? OrderSide.Sell : OrderSide.Buy;
                var fill = new Fill(order.ClientOrderId, order.RunnerId, order.Symbol, side, quantity, price, entry.Fee ?? 0m, FillTime(entry));
                return new GatewayOrderResult(GatewayOrderStatus.Filled, fill, null);
            }

            if (entry.Kind == LedgerEntryKind.Rejection && entry.Detail is { } detail)
            {
                return new GatewayOrderResult(GatewayOrderStatus.Rejected, null, detail);
            }
        }

        var reason = $"Duplicate: order {order.ClientOrderId} was already recorded by another gateway activation without an outcome; it is not sent again";
        await AppendAsync(LedgerEntryKind.Rejection, order, null, null, reason);
        return new GatewayOrderResult(GatewayOrderStatus.Rejected, null, reason);
    }

    private async Task ReplayInBackgroundAsync(long started)
    {
        try
        {
            var replaying = _time.GetTimestamp();
            await ReplayLedgerAsync(CancellationToken.None);
            var replayed = _time.GetTimestamp();
            await CheckPositionsAsync(CancellationToken.None);
            // A gateway activation is on the path of every failover of its account's runners: where its time goes.
            _logger.LogInformation("Gateway {Account}: ready at epoch {Epoch} in {Total:0} ms (lease {Lease:0} ms, ledger replay {Replay:0} ms)", _key, _epoch,
                _time.GetElapsedTime(started).TotalMilliseconds, _time.GetElapsedTime(started, _leaseConfirmedAt).TotalMilliseconds,
                _time.GetElapsedTime(replaying, replayed).TotalMilliseconds);
        }
        catch (Exception ex)
        {
            // Orders awaiting the replay get its failure; the next activation (after this one is collected) tries again.
            _logger.LogError(ex, "Gateway {Account}: the ledger replay failed; this activation answers no orders and deactivates", _key);
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task ReplayLedgerAsync(CancellationToken cancellationToken)
    {
        await foreach (var entry in _ledger.ReadAllAsync(cancellationToken))
        {
            if (!string.Equals(entry.Account, _key, StringComparison.Ordinal) || entry.RunnerId is null || entry.ClientOrderId is null)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case LedgerEntryKind.Fill when entry.Symbol is not null && entry.Quantity is { } quantity && entry.Price is { } price:
                    var side = string.Equals(entry.Side, nameof(OrderSide.Sell), StringComparison.Ordinal) ? OrderSide.Sell : OrderSide.Buy;
                    var fill = new Fill(entry.ClientOrderId, entry.RunnerId, entry.Symbol, side, quantity, price, entry.Fee ?? 0m, FillTime(entry));
                    ApplyFill(fill);
                    // An order filled in several executions answers with all of them as one fill, as when it was sent.
                    if (_recent.TryGet(entry.ClientOrderId, out var earlier) && earlier.Fill is { } before)
                    {
                        var quantityTotal = before.Quantity + fill.Quantity;
                        fill = before with
                        {
                            Quantity = quantityTotal,
                            Price = ((before.Price * before.Quantity) + (fill.Price * fill.Quantity)) / quantityTotal,
                            Fee = before.Fee + fill.Fee,
                            Timestamp = Math.Max(before.Timestamp, fill.Timestamp),
                        };
                    }

                    _recent.Replace(entry.ClientOrderId, new GatewayOrderResult(GatewayOrderStatus.Filled, fill, null));
                    break;
                case LedgerEntryKind.Rejection when entry.Detail is { } detail && !detail.StartsWith(nameof(GatewayOrderStatus.NotAuthoritative), StringComparison.Ordinal):
                    _recent.Add(entry.ClientOrderId, new GatewayOrderResult(GatewayOrderStatus.Rejected, null, detail));
                    break;
            }
        }
    }

    /// <summary>The ledger text of a current deployment, formatted once per deployment rather than per order.</summary>
    private string TextOf(in DeploymentId deployment)
    {
        if (_deploymentTexts.TryGetValue(deployment.RunnerId, out var cached) && cached.Deployment == deployment)
        {
            return cached.Text;
        }

        var text = deployment.ToString();
        _deploymentTexts[deployment.RunnerId] = (deployment, text);
        return text;
    }

    private static long FillTime(LedgerEntry entry)
    {
        var detail = entry.Detail;
        var at = detail?.LastIndexOf(FilledAt, StringComparison.Ordinal) ?? -1;
        return at >= 0 && long.TryParse(detail.AsSpan(at + FilledAt.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var time)
            ? time
            : entry.Timestamp;
    }

    private string? FencingReason(in DeploymentId deployment, in OrderRequest order)
    {
        if (!string.Equals(deployment.RunnerId, order.RunnerId, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Fenced: order {order.ClientOrderId} of runner {order.RunnerId} carries deployment {deployment} of runner {deployment.RunnerId}");
        }

        if (!_state.State.Runners.TryGetValue(deployment.RunnerId, out var current))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Fenced: runner {deployment.RunnerId} epoch {deployment.Epoch} is not registered with gateway {_key}");
        }

        if (current.Revoked)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Fenced: runner {deployment.RunnerId} epoch {deployment.Epoch} is revoked (last epoch {current.Epoch})");
        }

        if (current.Epoch != deployment.Epoch || !string.Equals(current.Activation, deployment.Activation, StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Fenced: runner {deployment.RunnerId} epoch {deployment.Epoch} is not current (current {current.Epoch})");
        }

        return null;
    }

    private decimal ExpectedPrice(in OrderRequest order, in MarketData market) => _broker.ExpectedPrice(order, market);

    private void ApplyFill(in Fill fill)
    {
        var before = _positions.TryGetValue(fill.RunnerId, out var held) ? held.Quantity : 0m;
        var after = before + (fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity);
        _positions[fill.RunnerId] = new RunnerPosition(after, fill.Price, fill.Symbol);
        _account.UpdatePosition(fill.RunnerId, fill.Symbol, after, fill.Price);
    }

    private async Task<GatewayOrderResult> NotAuthoritativeAsync(DeploymentId deployment, OrderRequest order, string reason)
    {
        _rejected++;
        await AppendAsync(LedgerEntryKind.Rejection, order, null, null, $"{reason} (deployment {deployment})");
        return new GatewayOrderResult(GatewayOrderStatus.NotAuthoritative, null, reason);
    }

    private void LoseLease(string reason)
    {
        if (_lostReason is not null)
        {
            return;
        }

        _lostReason = reason;
        // The activation stays, answering NotAuthoritative, rather than deactivating: a call after a deactivation would
        // activate the gateway again on this side and take the lease back. Its silo leaving the cluster ends it.
        _logger.LogError("Gateway {Account}: {Reason}; this activation accepts no more orders.", _key, reason);
    }

    private void EnsureAuthoritative()
    {
        if (_lostReason is not null)
        {
            throw new GatewayNotAuthoritativeException(_lostReason);
        }
    }

    private async Task WriteStateAsync(Action undo)
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            undo();
            LoseLease(string.Create(CultureInfo.InvariantCulture, $"NotAuthoritative: gateway {_key} epoch {_epoch} lost its lease (a newer activation wrote its state)"));
            throw new GatewayNotAuthoritativeException(_lostReason!, e);
        }
        catch
        {
            undo();
            throw;
        }
    }

    private static void Restore(Dictionary<string, RunnerDeployment> runners, string runnerId, RunnerDeployment? previous)
    {
        if (previous is null)
        {
            runners.Remove(runnerId);
        }
        else
        {
            runners[runnerId] = previous;
        }
    }

    private void RememberFenced(string reason)
    {
        _recentFenced.Enqueue(reason);
        while (_recentFenced.Count > _options.RecentFencedCapacity)
        {
            _recentFenced.Dequeue();
        }
    }

    private ValueTask<LedgerEntry> AppendAsync(LedgerEntryKind kind, in OrderRequest order, decimal? price, decimal? fee, string? detail, decimal? quantity = null) =>
        _ledger.AppendAsync(new LedgerEntry(
            0, _time.GetUtcNow().ToUnixTimeMilliseconds(), kind, _key, order.RunnerId, order.ClientOrderId, order.Symbol,
            order.Side.ToString(), quantity ?? order.Quantity, price, fee, detail));

    private async Task RecordControlAsync(string? runnerId, string detail) =>
        await _ledger.AppendAsync(new LedgerEntry(
            0, _time.GetUtcNow().ToUnixTimeMilliseconds(), LedgerEntryKind.Control, _key, runnerId, null, null, null, null, null, null, detail));

    private readonly record struct RunnerPosition(decimal Quantity, decimal Price, string Symbol);
}
