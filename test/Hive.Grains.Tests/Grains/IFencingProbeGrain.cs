using Hive.Grains.Gateway;
using Hive.Runtime;
using Hive.Trading.Execution;

namespace Hive.Grains.Tests.Grains;

/// <summary>
/// A minimal runner stand-in (key <c>account:runner</c>): on activation it registers a deployment with its account's
/// gateway, as a runner does, and sends orders under it.
/// </summary>
public interface IFencingProbeGrain : IGrainWithStringKey
{
    Task<DeploymentId> GetDeploymentAsync();

    Task<GatewayOrderResult> SubmitAsync(string clientOrderId, OrderSide side, decimal quantity);

    Task<string> SiloNameAsync();
}
