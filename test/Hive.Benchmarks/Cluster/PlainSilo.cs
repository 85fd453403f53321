using System.Globalization;
using System.Net;
using Hive.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Hive.Benchmarks.Cluster;

/// <summary>
/// The baseline of the cross-silo benchmark: a minimal Orleans silo as a process of its own (<c>Hive.Benchmarks
/// plain-silo ROLE NAME SILO-PORT GATEWAY-PORT PRIMARY-PORT CLUSTER-ID [ADD-ON]...</c>), with Orleans' defaults,
/// development clustering on loopback (the silo on PRIMARY-PORT keeps the membership table) and nothing of Hive but the
/// role metadata and placement that put the latency probe and its echo where they go on a <c>hive silo</c> pair: the
/// same benchmark grains, placed the same way, without Hive's host. ADD-ONs put back one thing <c>hive silo</c> adds at a
/// time (for bisecting): <c>otel-orleans</c> (an OpenTelemetry meter provider listening to <c>Microsoft.Orleans</c>),
/// <c>hive-detection</c> (Hive's failure-detection settings). Prints <c>READY</c> once the silo has started.
/// </summary>
internal static class PlainSilo
{
    public const string ReadyLine = "READY";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 6)
        {
            Console.Error.WriteLine("usage: plain-silo ROLE NAME SILO-PORT GATEWAY-PORT PRIMARY-PORT CLUSTER-ID [otel-orleans|hive-detection]...");
            return 2;
        }

        var (role, name, clusterId) = (args[0], args[1], args[5]);
        var siloPort = int.Parse(args[2], CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(args[3], CultureInfo.InvariantCulture);
        var primaryPort = int.Parse(args[4], CultureInfo.InvariantCulture);
        var addOns = args[6..].ToHashSet(StringComparer.Ordinal);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "plain";
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, primaryPort));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.AddHivePlacement(role, []);
            if (addOns.Contains("hive-detection"))
            {
                silo.Configure<ClusterMembershipOptions>(new HiveFailureDetectionOptions().ApplyTo);
            }
        });
        if (addOns.Contains("otel-orleans"))
        {
            // A reader that collects (as Prometheus' scrape does, here every 10 s) and drops the batch: what the silo pays
            // is the instruments' recording once a listener enables them, not an exporter's work.
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter("Microsoft.Orleans")
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 10_000)));
        }

        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine(ReadyLine);
        await host.WaitForShutdownAsync();
        return 0;
    }

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
