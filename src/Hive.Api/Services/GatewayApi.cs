using Grpc.Core;
using Hive.Api.V1;
using Hive.Grains.Gateway;
using Hive.Grains.Runners;
using Orleans;
using GrainGatewayStatus = Hive.Grains.Gateway.GatewayStatus;
using ProtoGatewayStatus = Hive.Api.V1.GatewayStatus;
using ProtoKillSwitch = Hive.Api.V1.KillSwitchLevel;
using TradingKillSwitch = Hive.Trading.Risk.KillSwitchLevel;

namespace Hive.Api.Services;

/// <summary><c>hive.v1.GatewayService</c> on the gateway grains (one per account).</summary>
internal sealed class GatewayApi(IGrainFactory grains) : GatewayService.GatewayServiceBase
{
    public override async Task<ProtoGatewayStatus> GetGatewayStatus(GetGatewayStatusRequest request, ServerCallContext context) =>
        ToProto(await grains.GetGrain<IGatewayGrain>(Account(request.Account)).GetStatusAsync().ConfigureAwait(false));

    public override async Task<ProtoGatewayStatus> SetKillSwitch(SetKillSwitchRequest request, ServerCallContext context)
    {
        var level = request.Level switch
        {
            ProtoKillSwitch.Off => TradingKillSwitch.Off,
            ProtoKillSwitch.Reducing => TradingKillSwitch.Reducing,
            ProtoKillSwitch.Halted => TradingKillSwitch.Halted,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "level: give OFF, REDUCING or HALTED")),
        };
        if (level != TradingKillSwitch.Off && string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "reason: say why the kill switch is engaged (it is recorded in the ledger and quoted in denials)"));
        }

        var gateway = grains.GetGrain<IGatewayGrain>(Account(request.Account));
        await gateway.SetKillSwitchAsync(level, string.IsNullOrWhiteSpace(request.Reason) ? "off" : request.Reason.Trim()).ConfigureAwait(false);
        return ToProto(await gateway.GetStatusAsync().ConfigureAwait(false));
    }

    private static string Account(string account) =>
        string.IsNullOrWhiteSpace(account) ? Hive.Grains.Runners.RunnerDefinition.DefaultAccount : account.Trim();

    private static ProtoGatewayStatus ToProto(GrainGatewayStatus s)
    {
        var result = new ProtoGatewayStatus
        {
            Account = s.Account,
            GatewayEpoch = s.GatewayEpoch,
            Authoritative = s.Authoritative,
            KillSwitch = s.KillSwitch switch
            {
                TradingKillSwitch.Reducing => ProtoKillSwitch.Reducing,
                TradingKillSwitch.Halted => ProtoKillSwitch.Halted,
                _ => ProtoKillSwitch.Off,
            },
            KillSwitchReason = s.KillSwitchReason ?? string.Empty,
            OrdersFilled = s.OrdersFilled,
            OrdersFenced = s.OrdersFenced,
            OrdersDenied = s.OrdersDenied,
            OrdersRejected = s.OrdersRejected,
            DuplicatesAbsorbed = s.DuplicatesAbsorbed,
            AccountLimits = ApiMapping.ToProto(s.AccountLimits),
        };
        result.Deployments.AddRange(s.Deployments.Select(static d => new Deployment { RunnerId = d.RunnerId, Epoch = d.Epoch, Activation = d.Activation ?? string.Empty }));
        result.RecentFenced.AddRange(s.RecentFenced);
        return result;
    }
}
