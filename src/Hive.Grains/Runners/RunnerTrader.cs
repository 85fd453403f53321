using System.Globalization;
using Hive.Grains.Gateway;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Runners;

/// <summary>
/// One activation's trading pipeline: a <see cref="RunnerCore"/> routing through a <see cref="QueuedOrderRouter"/>,
/// and the runner's gateway under this activation's <see cref="DeploymentId"/>. Each market event runs the core
/// synchronously; the orders it queued are then sent to the gateway one by one and their answers fed back
/// (<see cref="RunnerCore.OnFill"/> / <see cref="RunnerCore.OnOrderRejected"/>). When the gateway answers
/// <see cref="GatewayOrderStatus.Fenced"/>, this pipeline is stale (a newer activation holds the runner) and trades no
/// more. <see cref="RunnerGrain"/> wraps one; tests build a second one with an old DeploymentID to play a stale
/// activation that the runtime's single-activation rule would not let them create.
/// </summary>
internal sealed class RunnerTrader
{
    private readonly QueuedOrderRouter _router = new();
    private readonly IGatewayGrain _gateway;

    private RunnerTrader(RunnerDefinition definition, IStrategy strategy, IGatewayGrain gateway, DeploymentId deployment)
    {
        Definition = definition;
        _gateway = gateway;
        Deployment = deployment;
        Core = new RunnerCore(definition.ToConfig(), strategy, _router, account: null, recordEquityCurve: false);
    }

    public RunnerDefinition Definition { get; }

    public RunnerCore Core { get; }

    public DeploymentId Deployment { get; }

    /// <summary>Orders the gateway filled.</summary>
    public int OrdersFilled { get; private set; }

    /// <summary>Orders the gateway denied (account risk, kill switch).</summary>
    public int GatewayDenials { get; private set; }

    /// <summary>Orders the gateway fenced.</summary>
    public int OrdersFenced { get; private set; }

    /// <summary>Orders the broker rejected or the gateway could not take.</summary>
    public int OrdersRejected { get; private set; }

    /// <summary>Whether the gateway fenced this pipeline's DeploymentID: it is stale and no longer trades.</summary>
    public bool IsFenced { get; private set; }

    /// <summary>The gateway's last refusal, with its reason.</summary>
    public string? LastOrderProblem { get; private set; }

    /// <summary>Told about every order sent and the gateway's answer (watchers of the runner); <c>null</c> when nobody watches.</summary>
    public Action<RunnerEventKind, string, double>? Observer { get; set; }

    /// <summary>
    /// Builds the pipeline: the strategy from <paramref name="catalog"/>, a fresh core with <paramref name="snapshot"/>
    /// restored, and a fresh DeploymentID from the gateway of the definition's account (unless
    /// <paramref name="deployment"/> is given: the test hook reusing an old one).
    /// </summary>
    public static async Task<RunnerTrader> CreateAsync(
        IGrainFactory grainFactory,
        RunnerDefinition definition,
        RunnerSnapshot? snapshot,
        string activation,
        StrategyCatalog catalog,
        DeploymentId? deployment = null)
    {
        var strategy = catalog.Create(definition.Strategy, new StrategyParameters(definition.Parameters));
        var gateway = grainFactory.GetGrain<IGatewayGrain>(definition.Account);
        var id = deployment ?? await gateway.RegisterDeploymentAsync(definition.RunnerId, activation);
        var trader = new RunnerTrader(definition, strategy, gateway, id);
        if (snapshot is not null)
        {
            trader.Core.Restore(snapshot);
        }

        return trader;
    }

    /// <summary>Runs one market event through the core and sends the orders it decided; synchronous when none.</summary>
    public ValueTask<RunnerEvents> OnMarketEventAsync(in MarketEvent marketEvent)
    {
        if (IsFenced)
        {
            return new ValueTask<RunnerEvents>(RunnerEvents.None);
        }

        var events = Core.OnMarketEvent(marketEvent);
        return _router.Count == 0 ? new ValueTask<RunnerEvents>(events) : SubmitQueuedAsync(events);
    }

    private async ValueTask<RunnerEvents> SubmitQueuedAsync(RunnerEvents events)
    {
        while (_router.Count != 0)
        {
            var (order, market) = _router.Dequeue();
            if (IsFenced)
            {
                events |= Core.OnOrderRejected(order.ClientOrderId, LastOrderProblem ?? "fenced");
                continue;
            }

            Observer?.Invoke(RunnerEventKind.Order, Describe(order), (double)(order.Price ?? 0m));
            GatewayOrderResult result;
            try
            {
                result = await _gateway.SubmitOrderAsync(Deployment, order, market);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OrdersRejected++;
                LastOrderProblem = $"gateway {Definition.Account} unavailable: {ex.Message}";
                events |= Core.OnOrderRejected(order.ClientOrderId, LastOrderProblem);
                continue;
            }

            switch (result.Status)
            {
                case GatewayOrderStatus.Filled when result.Fill is { } fill:
                    OrdersFilled++;
                    Observer?.Invoke(RunnerEventKind.Fill, string.Create(CultureInfo.InvariantCulture,
                        $"filled {order.ClientOrderId}: {fill.Side} {fill.Quantity} @ {fill.Price} (fee {fill.Fee})"), (double)fill.Price);
                    events |= Core.OnFill(fill);
                    break;
                case GatewayOrderStatus.Fenced:
                    OrdersFenced++;
                    IsFenced = true;
                    LastOrderProblem = result.Reason ?? "Fenced";
                    Observer?.Invoke(RunnerEventKind.Fenced, $"order {order.ClientOrderId} fenced: {LastOrderProblem}", 0);
                    events |= Core.OnOrderRejected(order.ClientOrderId, LastOrderProblem);
                    break;
                case GatewayOrderStatus.Denied:
                    GatewayDenials++;
                    LastOrderProblem = result.Reason ?? result.RiskReason.ToString();
                    Observer?.Invoke(RunnerEventKind.Denial, $"order {order.ClientOrderId} denied by the gateway: {LastOrderProblem}", 0);
                    events |= Core.OnOrderRejected(order.ClientOrderId, LastOrderProblem);
                    break;
                default:
                    // Rejected, NotAuthoritative, or accepted without a fill (the paper broker always fills at once;
                    // asynchronous fills are not delivered to runners yet).
                    OrdersRejected++;
                    LastOrderProblem = result.Reason ?? result.Status.ToString();
                    Observer?.Invoke(RunnerEventKind.Error, $"order {order.ClientOrderId} rejected: {LastOrderProblem}", 0);
                    events |= Core.OnOrderRejected(order.ClientOrderId, LastOrderProblem);
                    break;
            }
        }

        return events;
    }

    private static string Describe(in OrderRequest order) => string.Create(CultureInfo.InvariantCulture,
        $"order {order.ClientOrderId}: {order.Side} {order.Quantity} {order.Symbol} {order.Type}{(order.Price is { } price ? $" @ {price}" : "")} ({order.Reason})");

    /// <summary>Restores the counts a previous activation persisted.</summary>
    public void RestoreCounts(int filled, int denied, int fenced)
    {
        OrdersFilled = filled;
        GatewayDenials = denied;
        OrdersFenced = fenced;
    }
}
