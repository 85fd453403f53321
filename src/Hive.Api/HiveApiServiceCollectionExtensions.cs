using Hive.Api.Hosting;
using Hive.Api.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hive.Api;

/// <summary>Registers the gRPC API <c>hive.v1</c>.</summary>
public static class HiveApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC with the API's services, bearer-token authentication and status mapping, gRPC server reflection and
    /// the standard gRPC health service. The services need an <see cref="Orleans.IGrainFactory"/> in the container
    /// (a silo's, or an <see cref="Orleans.IClusterClient"/>); an <c>ISiloMetadataCache</c> when present gives the
    /// silos' roles and tags to <c>GetClusterStatus</c>. Map the endpoints with
    /// <see cref="HiveApiEndpointRouteBuilderExtensions.MapHiveApi"/>.
    /// </summary>
    public static IServiceCollection AddHiveApi(this IServiceCollection services, Action<HiveApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HiveApiOptions>()
            .Configure(configure)
            .Validate(static o => !string.IsNullOrWhiteSpace(o.Token), "The Hive API needs a token (--api-token or HIVE_API_TOKEN): it does not serve without authentication.")
            .Validate(static o => o.WatchPollWait > TimeSpan.Zero && o.BacktestProgressPeriod > TimeSpan.Zero, "The Hive API's watch and progress periods must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiInterceptor>();
        services.TryAddSingleton<FeedRates>();
        services.TryAddSingleton<HiveQueries>();
        services.TryAddSingleton<SweepJobs>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ApiInterceptor>();
            o.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>("hive-cluster");
        return services;
    }
}
