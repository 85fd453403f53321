using Grpc.Core;
using Hive.Api.V1;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.GatewayService</c> on the gateway grains (one per account).</summary>
internal sealed class GatewayApi(HiveQueries queries) : GatewayService.GatewayServiceBase
{
    public override Task<GatewayStatus> GetGatewayStatus(GetGatewayStatusRequest request, ServerCallContext context) =>
        queries.GatewayAsync(request.Account);

    public override Task<GatewayStatus> SetKillSwitch(SetKillSwitchRequest request, ServerCallContext context) =>
        queries.SetKillSwitchAsync(request.Account, request.Level, request.Reason);
}
