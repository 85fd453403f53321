using Hive.Trading.Execution;
using Hive.Trading.Risk;
using Orleans;
using Orleans.Concurrency;

namespace Hive.Grains.Gateway;

/// <summary>The gateway's answer to an order. A resubmitted client order ID gets the first answer again.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Fill">The fill, when <paramref name="Status"/> is <see cref="GatewayOrderStatus.Filled"/>.</param>
/// <param name="Reason">Why it was not filled, with the numbers (<c>Fenced: runner btc_ema epoch 3 is not current (current 4)</c>).</param>
/// <param name="RiskReason">The risk reason code when denied.</param>
[GenerateSerializer]
[Alias("hive.gateway-order-result")]
[Immutable]
public sealed record GatewayOrderResult(GatewayOrderStatus Status, Fill? Fill, string? Reason, RiskReason RiskReason = RiskReason.None);
