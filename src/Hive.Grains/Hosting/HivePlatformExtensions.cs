using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Grains.Storage;
using Hive.Grains.Streaming;
using Hive.Lua;
using Hive.Trading.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Hive.Grains.Hosting;

/// <summary>Wires Hive's platform grains into an Orleans silo.</summary>
public static class HivePlatformExtensions
{
    private static readonly Lock LuaLock = new();
    private static bool _luaRegistered;

    /// <summary>
    /// Registers what the platform grains need in this silo: its metadata (role and tags, read by the placement
    /// directors), the <see cref="LivePlacement"/> and <see cref="DataPlacement"/> directors, the "market" stream
    /// provider, market data sources, the dataset cache of data silos, the Lua strategy resolver (once per process, in
    /// <see cref="StrategyCatalog.Default"/>) and, with <see cref="HivePlatformOptions.StateDirectory"/>, file grain
    /// storage named <see cref="HivePlatform.StorageName"/> (otherwise the host registers that storage itself), and
    /// Hive's failure detection (<see cref="HivePlatformOptions.FailureDetection"/>). The
    /// gateway's ledger and paper broker are registered by <see cref="GatewayHostingExtensions.AddHiveLedger"/> and
    /// <see cref="GatewayHostingExtensions.AddHiveGateway"/>:
    /// <code>
    /// silo.AddHivePlatform(o => { o.Role = SiloRoles.Live; o.Tags.Add("low_latency"); o.StateDirectory = "data/state"; })
    ///     .AddHiveLedger(ledger)
    ///     .AddHiveGateway(broker);
    /// </code>
    /// </summary>
    public static ISiloBuilder AddHivePlatform(this ISiloBuilder builder, Action<HivePlatformOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new HivePlatformOptions();
        configure?.Invoke(options);

        builder.AddHivePlacement(options.Role, options.Tags);
        if (options.FailureDetection is { } detection)
        {
            detection.Validate();
            builder.Configure<ClusterMembershipOptions>(detection.ApplyTo);
        }

        var services = builder.Services;
        services.TryAddSingleton<DatasetCache>();
        services.TryAddSingleton(sp => new MarketDataSourceFactory(sp.GetRequiredService<TimeProvider>()));
        if (options.FeedWatchdogPeriod < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(HivePlatformOptions.FeedWatchdogPeriod)} must not be negative, got {options.FeedWatchdogPeriod}.");
        }

        services.AddSingleton(new FeedWatchdogPeriod(options.FeedWatchdogPeriod));
        services.AddHostedService<FeedWatchdogService>();

        if (options.Storage is { } storage)
        {
            services.AddGrainStorage(HivePlatform.StorageName, (_, _) => storage);
        }
        else if (options.StateDirectory is { } directory)
        {
            var files = new FileGrainStorage(directory);
            services.AddGrainStorage(HivePlatform.StorageName, (_, _) => files);
        }

        builder.AddHiveMarketStreams(MarketStreams.ProviderName, o =>
        {
            // Subscriptions live with the rest of the platform's state (files, or PostgreSQL on a real cluster).
            o.StorageName = HivePlatform.StorageName;
            options.ConfigureStreams?.Invoke(o);
        });

        if (options.RegisterLuaStrategies)
        {
            EnsureLuaStrategies();
        }

        return builder;
    }

    /// <summary>
    /// Gives the silo its metadata (<paramref name="role"/> and <paramref name="tags"/>, <c>KEY</c> or <c>KEY=VALUE</c>)
    /// and registers the <see cref="LivePlacement"/> and <see cref="DataPlacement"/> directors that read it.
    /// <see cref="AddHivePlatform"/> calls it; a silo that hosts only some of Hive's grains (the stream hubs) may call
    /// it alone.
    /// </summary>
    public static ISiloBuilder AddHivePlacement(this ISiloBuilder builder, string role, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSiloMetadata(SiloRoles.Metadata(role, tags));
        var services = builder.Services;
        services.AddPlacementDirector<LivePlacement, LivePlacementDirector>(ServiceLifetime.Singleton);
        services.AddPlacementDirector<DataPlacement, DataPlacementDirector>(ServiceLifetime.Singleton);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RolePlacement(
            sp.GetRequiredService<ISiloMetadataCache>(), sp.GetRequiredService<IClusterMembershipService>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SiloLoadCache>();
        return builder;
    }

    /// <summary>Makes <c>*.lua</c> paths resolvable in <see cref="StrategyCatalog.Default"/>, once per process.</summary>
    public static void EnsureLuaStrategies()
    {
        lock (LuaLock)
        {
            if (_luaRegistered || StrategyCatalog.Default.IsKnown("strategy.lua"))
            {
                _luaRegistered = true;
                return;
            }

            LuaStrategyResolver.Register(StrategyCatalog.Default);
            _luaRegistered = true;
        }
    }
}
