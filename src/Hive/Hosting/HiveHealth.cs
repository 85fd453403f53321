using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hive.Hosting;

/// <summary>
/// The health endpoints every Hive web host serves: <c>/health/live</c> (the process answers: restart it when not) and
/// <c>/health/ready</c> (the silos are active in membership and their storage answers: send it work when so).
/// </summary>
internal static class HiveHealth
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    /// <summary>Tag of the checks behind <see cref="LivePath"/>.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks behind <see cref="ReadyPath"/>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the liveness check and <typeparamref name="TReady"/> as the readiness check.</summary>
    public static IHealthChecksBuilder AddHiveHealth<TReady>(this IServiceCollection services)
        where TReady : class, IHealthCheck =>
        services.AddHealthChecks()
            .AddCheck("process", static () => HealthCheckResult.Healthy("responsive"), [LiveTag])
            .AddCheck<TReady>("silo", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHiveHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = static r => r.Tags.Contains(LiveTag) });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = static r => r.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
