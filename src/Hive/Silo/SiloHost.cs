using System.Net;
using Hive.Api;
using Hive.Commands;
using Hive.Dashboard;
using Hive.Grains.Exchange;
using Hive.Grains.Hosting;
using Hive.Hosting;
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
    /// <summary>How long a graceful stop (SIGTERM) gives the activations to deactivate and persist.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the host of <paramref name="settings"/>: services, then endpoints.</summary>
    public static WebApplication Build(SiloSettings settings, IConfiguration configuration)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hive" });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureServices(builder, settings);
        var app = builder.Build();
        MapEndpoints(app, settings);
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
        if (settings.JsonLogs)
        {
            // One JSON object per line with the scopes: a runner's lines carry RunnerId, Symbol and Epoch.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenAnyIP(settings.HttpPort);
            if (settings.ApiToken is not null)
            {
                // The API on its own HTTP/2-only port (h2c cannot share a port with the HTTP/1.1 health and metrics).
                k.ListenHiveApi(new HiveApiEndpointOptions { Address = IPAddress.Any, Port = settings.ApiPort });
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = DrainTimeout + TimeSpan.FromSeconds(10));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.Postgres));
        var ledger = new PostgresLedger(settings.Postgres);
        builder.Services.AddSingleton(ledger);

        var failureDetection = new HiveFailureDetectionOptions();
        builder.Configuration.GetSection("Hive:Membership").Bind(failureDetection);
        var gateway = new Hive.Grains.Gateway.GatewayOptions();
        builder.Configuration.GetSection("Hive:Gateway").Bind(gateway);

        // The broker Hive:Exchange names (paper by default; Binance with Hive__Exchange__Broker=binance and the keys in
        // BINANCE_API_KEY / BINANCE_API_SECRET), as hive run's --exchange does.
        Hive.Grains.Gateway.IBroker broker;
        try
        {
            broker = ExchangeSettings.Read(builder.Configuration).CreateBroker();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"Hive:Exchange: {ex.Message}");
        }

        if (broker is BinanceBroker binance)
        {
            builder.Services.AddHostedService(_ => new BrokerConnection(binance));
        }

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
                Broker = broker,
                Gateway = gateway,
                DeactivationTimeout = DrainTimeout,
                FailureDetection = failureDetection,
            });

            // A silo the cluster declared dead stops at once, with its own exit code, instead of Orleans' default
            // (log, sleep 2 s, FailFast) or lingering in a graceful shutdown that could still act.
            silo.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, ExitOnFatalError>());

            // Orleans' dashboard on every silo, so that the one a browser opens sees all of them.
            silo.AddHiveOrleansDashboard();
        });

        builder.Services.AddHiveHealth<SiloReadinessCheck>();
        builder.Services.AddHiveTelemetry(builder.Configuration.GetValue<bool>(HiveTelemetry.OrleansMessageSizesKey));
        if (settings.ApiToken is { } token)
        {
            builder.Services.AddHiveApi(o => o.Token = token);
            builder.Services.AddHiveDashboard(o => o.Token = token);
        }

        if (settings.Role == Grains.Placement.SiloRoles.Control)
        {
            builder.Services.AddHostedService<RunnerKeeper>();
        }
    }

    /// <summary>
    /// Maps the endpoints: <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>, and when the silo has a token the
    /// gRPC API and the dashboard (Hive's pages at <c>/</c>, Orleans' at <c>/dashboard</c>), with <c>/metrics</c> behind
    /// the token (<c>Authorization: Bearer TOKEN</c>). A silo without a token serves no dashboard and open metrics.
    /// </summary>
    public static void MapEndpoints(WebApplication app, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHiveHealth();
        var metrics = app.MapHiveTelemetry();
        if (settings.ApiToken is not null)
        {
            metrics.RequireHiveDashboardLogin();
            app.MapHiveApi();
            app.MapHiveDashboard();
        }
    }
}
