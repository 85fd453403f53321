using System.Net;
using System.Net.Sockets;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Streams;

namespace Hive.Benchmarks;

/// <summary>
/// One Orleans silo in the benchmark process (role <c>live</c>, tag <c>low_latency</c>) with Hive's platform:
/// <see cref="MemoryJsonGrainStorage"/> for the platform state (the runtime's cost, not the disk's), the given ledger and paper broker. Calls go through the silo's own grain
/// factory, so everything a benchmark measures stays inside the silo, as a feed and its runners do.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public IStreamProvider Streams(string name) => _host.Services.GetRequiredKeyedService<IStreamProvider>(name);

    public static async Task<BenchSilo> StartAsync(
        ILedger? ledger = null, PaperBroker? broker = null, GatewayOptions? gateway = null, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddHivePlatform(o =>
            {
                o.Role = SiloRoles.Live;
                o.Tags.Add("low_latency");
                o.Storage = new MemoryJsonGrainStorage();
            });
            silo.AddHiveLedger(ledger ?? new InMemoryLedger());
            silo.AddHiveGateway(broker ?? new PaperBroker(), gateway);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
