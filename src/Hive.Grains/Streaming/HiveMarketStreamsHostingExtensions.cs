using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Streams;

namespace Hive.Grains.Streaming;

/// <summary>
/// Registers Hive's "market" push stream provider on a silo or a client, or Orleans' memory streams under the same
/// name when configuration <c>Hive:Streams:Provider</c> is <c>memory</c>.
/// </summary>
public static class HiveMarketStreamsHostingExtensions
{
    /// <summary>The default provider name.</summary>
    public const string DefaultName = "market";

    private const string MarketKind = "market";
    private const string MemoryKind = "memory";

    /// <summary>
    /// Registers the stream provider <paramref name="name"/> on the silo: the push provider (hub grains keep the
    /// subscriptions in the grain storage named by <see cref="HiveMarketStreamOptions.StorageName"/>, which the host
    /// registers), or Orleans' memory streams with <see cref="HiveMarketStreamOptions.MemoryPollPeriod"/> and a memory
    /// "PubSubStore" when none is registered.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name that <c>GetStreamProvider(name)</c> resolves.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="ArgumentException">The name, the options or <c>Hive:Streams:Provider</c> are invalid.</exception>
    public static ISiloBuilder AddHiveMarketStreams(this ISiloBuilder builder, string name = DefaultName, Action<HiveMarketStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Prepare(name, configure);
        if (ProviderKind(builder.Configuration, name) == MemoryKind)
        {
            var period = options.MemoryPollPeriod;
            builder.AddMemoryStreams(name, c => c.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = period)));
            if (!HasGrainStorage(builder.Services, HiveMarketStreamOptions.DefaultStorageName))
            {
                builder.AddMemoryGrainStorage(HiveMarketStreamOptions.DefaultStorageName);
            }

            return builder;
        }

        RegisterOptions(builder.Services, name, configure);
        builder.AddGrainExtension<IMarketStreamConsumerExtension, MarketStreamConsumerExtension>();
        builder.Services.AddKeyedSingleton<IStreamProvider>(name, (services, _) => new MarketStreamProvider(
            name, services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<IGrainContextAccessor>()));
        return builder;
    }

    /// <summary>
    /// Registers the stream provider <paramref name="name"/> on a cluster client, for producing only (the push
    /// provider delivers to grains), or Orleans' memory streams when <c>Hive:Streams:Provider</c> is <c>memory</c>.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The provider name that <c>GetStreamProvider(name)</c> resolves.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The client builder.</returns>
    /// <exception cref="ArgumentException">The name, the options or <c>Hive:Streams:Provider</c> are invalid.</exception>
    public static IClientBuilder AddHiveMarketStreams(this IClientBuilder builder, string name = DefaultName, Action<HiveMarketStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Prepare(name, configure);
        if (ProviderKind(builder.Configuration, name) == MemoryKind)
        {
            builder.AddMemoryStreams(name);
            return builder;
        }

        RegisterOptions(builder.Services, name, configure);
        builder.Services.AddKeyedSingleton<IStreamProvider>(name, (services, _) =>
            new MarketStreamProvider(name, services.GetRequiredService<IGrainFactory>(), contextAccessor: null));
        return builder;
    }

    private static HiveMarketStreamOptions Prepare(string name, Action<HiveMarketStreamOptions>? configure)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Stream provider name '{name}' is invalid: it must be non-empty and contain no '/'.", nameof(name));
        }

        var options = new HiveMarketStreamOptions();
        configure?.Invoke(options);
        options.Validate(name);
        return options;
    }

    private static void RegisterOptions(IServiceCollection services, string name, Action<HiveMarketStreamOptions>? configure)
    {
        var optionsBuilder = services.AddOptions<HiveMarketStreamOptions>(name);
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
    }

    private static string ProviderKind(IConfiguration configuration, string name)
    {
        var kind = configuration[HiveMarketStreamOptions.ProviderConfigurationKey];
        if (string.IsNullOrWhiteSpace(kind) || string.Equals(kind, MarketKind, StringComparison.OrdinalIgnoreCase))
        {
            return MarketKind;
        }

        if (string.Equals(kind, MemoryKind, StringComparison.OrdinalIgnoreCase))
        {
            return MemoryKind;
        }

        throw new ArgumentException(
            $"Configuration {HiveMarketStreamOptions.ProviderConfigurationKey} is '{kind}' for stream provider '{name}': expected '{MarketKind}' or '{MemoryKind}'.");
    }

    private static bool HasGrainStorage(IServiceCollection services, string storageName)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.IsKeyedService && descriptor.ServiceType == typeof(IGrainStorage) && Equals(descriptor.ServiceKey, storageName))
            {
                return true;
            }
        }

        return false;
    }
}
