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
/// share the process and its meters, so the pipeline belongs to the process's web host, never to each silo. Orleans'
/// per-message size histograms are left out unless asked for (<see cref="OrleansMessageSizesKey"/>): they cost every
/// cross-silo message (test/Hive.Benchmarks/Cluster/RESULTS.md).
/// </summary>
internal static class HiveTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters a Hive process exports.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", HiveMetrics.MeterName, LuaMetrics.MeterName, "Npgsql"];

    /// <summary>
    /// Orleans' instruments recorded for every message a silo sends or receives over the network (a histogram of the
    /// message size, with three tags, each direction). A listener enables them, and each record then costs a tag-set
    /// lookup and two enum-to-string conversions on the messaging threads: a cross-silo grain call pays four. They are
    /// not exported unless <see cref="OrleansMessageSizesKey"/> is true; every other Orleans instrument is.
    /// </summary>
    public static readonly string[] OrleansPerMessageInstruments = ["orleans-messaging-sent-messages-size", "orleans-messaging-received-messages-size"];

    /// <summary>The configuration key (<c>Hive__Telemetry__OrleansMessageSizes=true</c>) that exports <see cref="OrleansPerMessageInstruments"/> too.</summary>
    public const string OrleansMessageSizesKey = "Hive:Telemetry:OrleansMessageSizes";

    public static IServiceCollection AddHiveTelemetry(this IServiceCollection services, bool orleansMessageSizes = false)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter(Meters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter(o => o.DisableTotalNameSuffixForCounters = false);
            if (!orleansMessageSizes)
            {
                // A dropped instrument is never enabled, so Orleans skips its record (it checks Enabled first).
                foreach (var instrument in OrleansPerMessageInstruments)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }
            }
        });
        return services;
    }

    /// <summary>Maps <c>/metrics</c>; the builder returned puts it behind authentication where the host has some.</summary>
    public static IEndpointConventionBuilder MapHiveTelemetry(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
}
