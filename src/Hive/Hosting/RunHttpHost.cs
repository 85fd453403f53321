using System.Net;
using Hive.Api.Hosting;
using Hive.Dashboard;
using Hive.Grains.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hive.Hosting;

/// <summary>
/// <c>hive run</c>'s HTTP side, on loopback beside the embedded cluster for the whole run (the drain included):
/// <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> (with the token) and the dashboard (Hive's pages at
/// <c>/</c>, Orleans' at <c>/dashboard</c>), as <c>hive silo</c> serves them on its HTTP port. The silos run in
/// their own hosts: the dashboard reaches them through the control silo's grain factory and metadata.
/// </summary>
internal sealed class RunHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunHttpHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Address { get; }

    public static async Task<RunHttpHost> StartAsync(EmbeddedCluster cluster, int port, string token, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hive" });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHiveHealth<EmbeddedClusterReadinessCheck>();
        builder.Services.AddHiveTelemetry();
        var control = cluster.ServicesOf(EmbeddedCluster.ControlSiloName);
        HiveWebHost.AddSiloServices(builder.Services, cluster.GrainFactory, control);
        builder.Services.AddHiveDashboard(o => o.Token = token);
        builder.Services.AddOrleansDashboardViews();
        var app = builder.Build();
        app.MapHiveHealth();
        app.MapHiveTelemetry().RequireHiveDashboardLogin();
        app.MapHiveDashboard();
        return new RunHttpHost(app, await HiveWebHost.StartAsync(app, "The HTTP host", cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
