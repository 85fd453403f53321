using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Hive.Api.Hosting;

/// <summary>
/// The API as a web host of its own beside silos that run in the same process (<c>hive run</c>'s embedded cluster,
/// tests, benchmarks): Kestrel on the API's endpoint with <see cref="HiveApiServiceCollectionExtensions.AddHiveApi"/>
/// and <see cref="HiveApiEndpointRouteBuilderExtensions.MapHiveApi"/>, calling the grains through a silo's
/// <see cref="IGrainFactory"/>. A silo that is a web host itself (<c>hive silo</c>) maps the API in its own host instead.
/// </summary>
public sealed class HiveApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HiveApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address clients call (<c>http://127.0.0.1:PORT</c>, or <c>https://…</c> with a certificate).</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts the API on <paramref name="endpoint"/> over <paramref name="grains"/>; <paramref name="siloServices"/>
    /// (a silo's services) lends its <c>ISiloMetadataCache</c> for the silos' roles and tags.
    /// </summary>
    public static async Task<HiveApiServer> StartAsync(
        IGrainFactory grains,
        HiveApiEndpointOptions endpoint,
        Action<HiveApiOptions> configure,
        IServiceProvider? siloServices = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenHiveApi(endpoint));
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        }

        HiveWebHost.AddSiloServices(builder.Services, grains, siloServices);
        builder.Services.AddHiveApi(configure);
        var app = builder.Build();
        app.UseRouting();
        app.MapHiveApi();
        return new HiveApiServer(app, await HiveWebHost.StartAsync(app, "The API's web host", cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops accepting calls; calls in progress (watches) are cancelled.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Stopped and disposed already.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
