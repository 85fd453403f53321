using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hive.Api.Hosting;

/// <summary>
/// What Hive's web hosts that run beside in-process silos share (the API's <see cref="HiveApiServer"/> and
/// <c>hive run</c>'s HTTP host with the dashboard): the silo services their queries read, and starting Kestrel to learn
/// the address it bound.
/// </summary>
public static class HiveWebHost
{
    /// <summary>
    /// Registers <paramref name="grains"/> and, from <paramref name="siloServices"/> (a silo's services) when given, its
    /// <see cref="ISiloMetadataCache"/> (the silos' roles and tags) and <see cref="TimeProvider"/>, so that a host beside
    /// a silo answers the same queries as one inside it.
    /// </summary>
    public static void AddSiloServices(IServiceCollection services, IGrainFactory grains, IServiceProvider? siloServices)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(grains);
        services.AddSingleton(grains);
        if (siloServices?.GetService<ISiloMetadataCache>() is { } metadata)
        {
            services.AddSingleton(metadata);
        }

        if (siloServices?.GetService<TimeProvider>() is { } time)
        {
            services.AddSingleton(time);
        }
    }

    /// <summary>
    /// Starts <paramref name="app"/> (disposing it when the start fails) and returns the first address it bound, ending
    /// in <c>/</c>; <paramref name="what"/> names the host in the error when it bound none.
    /// </summary>
    public static async Task<Uri> StartAsync(WebApplication app, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
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
            ?? throw new InvalidOperationException($"{what} started without an address.");
        return new Uri(bound.EndsWith('/') ? bound : bound + "/");
    }
}
