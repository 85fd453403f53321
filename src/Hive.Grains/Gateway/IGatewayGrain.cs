using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Risk;
using Orleans;
using Orleans.Runtime;

namespace Hive.Grains.Gateway;

/// <summary>
/// One per broker account (key = account). Enforces DeploymentID fencing before anything reaches the broker, applies
/// account-level risk and the kill switch, makes client order IDs idempotent, and records every order, fill, denial
/// and fencing rejection in the ledger. Its own authority is held by a lease/epoch in storage, so that a duplicate
/// gateway activation cannot accept orders.
/// </summary>
[Alias("hive.gateway")]
public interface IGatewayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Issues a fresh DeploymentID for <paramref name="runnerId"/> with an epoch above every earlier one and makes it
    /// the runner's current one: from now on orders carrying any older DeploymentID are fenced.
    /// </summary>
    [Alias("RegisterDeploymentAsync")]
    Task<DeploymentId> RegisterDeploymentAsync(string runnerId, string activation);

    /// <summary>Fences <paramref name="runnerId"/> entirely (it was removed): every DeploymentID of it is rejected.</summary>
    [Alias("RevokeAsync")]
    Task RevokeAsync(string runnerId);

    /// <summary>Checks fencing, idempotency and account risk, then forwards the order to the broker.</summary>
    [Alias("SubmitOrderAsync")]
    Task<GatewayOrderResult> SubmitOrderAsync(DeploymentId deployment, OrderRequest order, MarketData market);

    /// <summary>Sets the account's kill switch.</summary>
    [Alias("SetKillSwitchAsync")]
    Task SetKillSwitchAsync(KillSwitchLevel level, string reason);

    /// <summary>Deployments, counts of accepted, fenced and denied orders, and the kill switch.</summary>
    [Alias("GetStatusAsync")]
    Task<GatewayStatus> GetStatusAsync();
}
