using Hive.Api.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Hive.Api;

/// <summary>Maps the gRPC API <c>hive.v1</c>.</summary>
public static class HiveApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the services of <c>hive.v1</c> (RunnerService, ClusterService, GatewayService, BacktestService,
    /// SweepService, MarketService), gRPC server reflection and the gRPC health service (<c>grpc.health.v1.Health</c>, the only one
    /// callable without the token). Needs <see cref="HiveApiServiceCollectionExtensions.AddHiveApi"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapHiveApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<RunnerApi>();
        endpoints.MapGrpcService<ClusterApi>();
        endpoints.MapGrpcService<GatewayApi>();
        endpoints.MapGrpcService<BacktestApi>();
        endpoints.MapGrpcService<SweepApi>();
        endpoints.MapGrpcService<MarketApi>();
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
