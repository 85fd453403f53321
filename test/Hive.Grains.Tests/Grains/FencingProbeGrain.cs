using Hive.Grains.Gateway;
using Hive.Grains.Tests.Gateway;
using Hive.Runtime;
using Hive.Runtime.Hosting;
using Hive.Trading.Execution;

namespace Hive.Grains.Tests.Grains;

internal sealed class FencingProbeGrain(SiloOptions silo) : Grain, IFencingProbeGrain
{
    private DeploymentId _deployment;
    private IGatewayGrain _gateway = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        _gateway = GrainFactory.GetGrain<IGatewayGrain>(key[..colon]);
        _deployment = await _gateway.RegisterDeploymentAsync(key[(colon + 1)..], $"{silo.Name}-{Guid.NewGuid():N}");
    }

    public Task<DeploymentId> GetDeploymentAsync() => Task.FromResult(_deployment);

    public Task<GatewayOrderResult> SubmitAsync(string clientOrderId, OrderSide side, decimal quantity) =>
        _gateway.SubmitOrderAsync(_deployment, Orders.MarketOrder(_deployment.RunnerId, clientOrderId, side, quantity), Orders.Market);

    public Task<string> SiloNameAsync() => Task.FromResult(silo.Name);
}
