using Hive.Commands;

using Hive.Grains.Hosting;
using Hive.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Hive.Silo;

/// <summary>
/// The web host of one <c>hive silo</c>: ASP.NET Core with the Orleans silo inside. Its composition has two parts that
/// later features extend in one place: <see cref="ConfigureServices"/> (the silo, health checks; the gRPC API and the
/// dashboard register here) and <see cref="MapEndpoints"/> (the health endpoints; the API and the dashboard map here).
/// </summary>
internal static class SiloHost
{
    /// <summary>Tag of the health check behind <c>/health/live</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the health checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long a graceful stop (SIGTERM) gives the activations to deactivate and persist.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the host of <paramref name="settings"/>: services, then endpoints.</summary>
    public static WebApplication Build(SiloSettings settings, IConfiguration configuration)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hive" });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureServices(builder, settings);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>
    /// Registers the silo and what the HTTP side serves: Orleans with Hive's platform on PostgreSQL, the health checks,
    /// the runner keeper of control silos. The gRPC API and the dashboard add their services here.
    /// </summary>
    public static void ConfigureServices(WebApplicationBuilder builder, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(settings.HttpPort));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = DrainTimeout + TimeSpan.FromSeconds(10));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres));
        var ledger = new PostgresLedger(settings.Postgres);
        builder.Services.AddSingleton(ledger);

        var failureDetection = new HiveFailureDetectionOptions();
        builder.Configuration.GetSection("Hive:Membership").Bind(failureDetection);
        var gateway = new Hive.Grains.Gateway.GatewayOptions();
        builder.Configuration.GetSection("Hive:Gateway").Bind(gateway);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.Advertise is { } address)
            {
                silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(address));
            }
            else
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }

            // One ledger instance per process, shared with the host (disposed with it); the migrations run at start.
            silo.AddHivePostgres(settings.Postgres, o => o.Ledger = false);
            silo.AddHiveSilo(new HiveSiloOptions
            {
                Name = settings.Name,
                Role = settings.Role,
                Tags = settings.Tags,
                Ledger = ledger,
                Broker = new Hive.Grains.Gateway.PaperBroker(),
                Gateway = gateway,
                DeactivationTimeout = DrainTimeout,
                FailureDetection = failureDetection,
            });

            // A silo the cluster declared dead stops at once, with its own exit code, instead of Orleans' default
            // (log, sleep 2 s, FailFast) or lingering in a graceful shutdown that could still act.
            silo.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, ExitOnFatalError>());
        });

        builder.Services.AddHealthChecks()
            .AddCheck("process", static () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("responsive"), [LiveTag])
            .AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);

        if (settings.Role == Grains.Placement.SiloRoles.Control)
        {
            builder.Services.AddHostedService<RunnerKeeper>();
        }
    }

    /// <summary>Maps the HTTP endpoints: <c>/health/live</c>, <c>/health/ready</c>. The gRPC API and the dashboard map theirs here.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static r => r.Tags.Contains(ReadyTag) });
    }
}
