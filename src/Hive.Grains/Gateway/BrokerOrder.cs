using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Gateway;

/// <summary>An order a gateway accepted, as it goes to the <see cref="IBroker"/>.</summary>
/// <param name="Account">The broker account.</param>
/// <param name="GatewayEpoch">The epoch of the gateway's lease (a fencing token the broker checks).</param>
/// <param name="Deployment">The runner activation that sent it (its epoch goes into the exchange's client order ID).</param>
/// <param name="Order">The order.</param>
/// <param name="Market">The market data the runner decided on (the touch the paper broker fills at).</param>
public sealed record BrokerOrder(string Account, long GatewayEpoch, DeploymentId Deployment, OrderRequest Order, MarketData Market);
