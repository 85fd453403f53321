using System.Net;
using Hive.Grains.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hive.Hosting;

/// <summary>
/// <c>hive run</c>'s HTTP side, on loopback beside the embedded cluster for the whole run (the drain included):
/// <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>, as <c>hive silo</c> serves them on its HTTP port.
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

    public static async Task<RunHttpHost> StartAsync(EmbeddedCluster cluster, int port, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "hive" });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHiveHealth<EmbeddedClusterReadinessCheck>();
        builder.Services.AddHiveTelemetry();
        var app = builder.Build();
        app.MapHiveHealth();
        app.MapHiveTelemetry();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The HTTP host started without an address.");
        return new RunHttpHost(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
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
