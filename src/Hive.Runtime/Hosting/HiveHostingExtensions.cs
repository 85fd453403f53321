using Hive.Runtime.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hive.Runtime.Hosting;

/// <summary>Plugs a Hive silo into Microsoft.Extensions.Hosting.</summary>
public static class HiveHostingExtensions
{
    /// <summary>Adds a silo and the hosted service running it.</summary>
    public static IHostBuilder UseHive(this IHostBuilder builder, Action<HiveSiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddHive(configure));
    }

    /// <summary>Adds a silo and the hosted service running it.</summary>
    public static IHostApplicationBuilder UseHive(this IHostApplicationBuilder builder, Action<HiveSiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHive(configure);
        return builder;
    }

    /// <summary>Adds a silo and the hosted service running it to <paramref name="services"/>.</summary>
    public static IServiceCollection AddHive(this IServiceCollection services, Action<HiveSiloBuilder> configure)
    {
        services.AddHiveSilo(configure);
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    /// <summary>Adds a silo without a hosted service (start <see cref="Silo"/> yourself, as the test cluster does).</summary>
    public static IServiceCollection AddHiveSilo(this IServiceCollection services, Action<HiveSiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new HiveSiloBuilder(services);
        configure(builder);
        builder.AddDefaults();
        var options = builder.Options;
        services.AddSingleton(options);
        services.AddSingleton(sp => new SiloRuntime(sp, options));
        services.AddSingleton(sp => new Silo(sp.GetRequiredService<SiloRuntime>()));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        return services;
    }
}
