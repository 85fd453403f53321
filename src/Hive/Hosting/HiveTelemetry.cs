using Hive.Grains.Diagnostics;
using Hive.Lua;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Hive.Hosting;

/// <summary>
/// Metrics for a silo's web host: Orleans' meter (<c>Microsoft.Orleans</c>), Hive's (<c>Hive.Grains</c>, <c>Hive.Lua</c>),
/// Npgsql's and the .NET runtime's, through OpenTelemetry, scraped by Prometheus at <c>/metrics</c>. OpenTelemetry
/// rather than prometheus-net: Orleans, ASP.NET Core, Npgsql and Hive all publish through
/// <see cref="System.Diagnostics.Metrics"/>, which OpenTelemetry reads natively with units and bucket advice, and the
/// same pipeline can push OTLP to a collector by configuration. One pipeline per process: <c>hive run</c>'s three silos
/// share the process and its meters, so the pipeline belongs to the process's web host, never to each silo.
/// </summary>
internal static class HiveTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters a Hive process exports.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", HiveMetrics.MeterName, LuaMetrics.MeterName, "Npgsql"];

    public static IServiceCollection AddHiveTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = false));
        return services;
    }

    /// <summary>Maps <c>/metrics</c>; the builder returned puts it behind authentication where the host has some.</summary>
    public static IEndpointConventionBuilder MapHiveTelemetry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
}
