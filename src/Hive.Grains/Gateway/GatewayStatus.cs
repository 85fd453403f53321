using Hive.Trading.Risk;
using Orleans;

namespace Hive.Grains.Gateway;

/// <summary>The gateway's state for operators.</summary>
/// <param name="Account">The broker account.</param>
/// <param name="GatewayEpoch">The epoch of the lease this activation holds.</param>
/// <param name="KillSwitch">The account's kill switch level.</param>
/// <param name="Deployments">The current DeploymentID of every runner.</param>
/// <param name="OrdersFilled">Orders filled.</param>
/// <param name="OrdersFenced">Orders rejected as <c>Fenced</c>.</param>
/// <param name="OrdersDenied">Orders denied by account risk or the kill switch.</param>
/// <param name="OrdersRejected">Orders the broker rejected.</param>
/// <param name="DuplicatesAbsorbed">Resubmitted client order IDs answered from memory without reaching the broker.</param>
/// <param name="RecentFenced">The last fencing rejections, newest last.</param>
/// <param name="Authoritative">Whether this activation still holds the gateway lease (false: it accepts no orders).</param>
/// <param name="Broker">The broker behind the gateway (<c>paper</c>, or the exchange and its address).</param>
/// <param name="PositionCheck">Why the ledger's positions disagree with the broker's balances at activation, or <c>null</c> when they agree.</param>
/// <param name="UnresolvedOrders">Orders whose outcome is still unknown and being reconciled.</param>
/// <param name="KillSwitchReason">Why the kill switch was engaged; <c>null</c> when it is off.</param>
/// <param name="AccountLimits">The account-level risk limits; <c>null</c> when unknown.</param>
[GenerateSerializer]
[Alias("hive.gateway-status")]
public sealed record GatewayStatus(
    string Account,
    long GatewayEpoch,
    KillSwitchLevel KillSwitch,
    IReadOnlyList<DeploymentId> Deployments,
    long OrdersFilled,
    long OrdersFenced,
    long OrdersDenied,
    long OrdersRejected,
    long DuplicatesAbsorbed,
    IReadOnlyList<string> RecentFenced,
    bool Authoritative = true,
    string Broker = "paper",
    string? PositionCheck = null,
    int UnresolvedOrders = 0,
    string? KillSwitchReason = null,
    RiskLimits? AccountLimits = null);
