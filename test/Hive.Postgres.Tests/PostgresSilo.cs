using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Postgres.Tests;

/// <summary>One Orleans silo on loopback whose membership and grain state are in a PostgreSQL database.</summary>
internal sealed class PostgresSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<PostgresSilo> StartAsync(string connectionString, string clusterId = "test", Action<HivePostgresOptions>? postgres = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "hive-test";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            silo.AddHivePostgres(connectionString, postgres);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().Within();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new PostgresSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync().Within();
        }
        finally
        {
            _host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
