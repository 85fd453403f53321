using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Lua;
using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Trading.Strategies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hive.Grains.Hosting;

/// <summary>Wires Hive's platform grains into a silo.</summary>
public static class HivePlatformExtensions
{
    private static readonly Lock LuaLock = new();
    private static bool _luaRegistered;

    /// <summary>
    /// Registers what the platform grains need in this silo: the <see cref="LivePlacement"/> and
    /// <see cref="DataPlacement"/> directors, the grain assembly's generated registrations, the hosted-feed tracking
    /// that feed-affine placement reads, market data sources, logging, the Lua strategy resolver (once per process, in
    /// <see cref="StrategyCatalog.Default"/>) and, with <see cref="HivePlatformOptions.StateDirectory"/>, file grain
    /// storage. The gateway's ledger and paper broker are registered by
    /// <see cref="GatewayHostingExtensions.AddHiveLedger"/> and <see cref="GatewayHostingExtensions.AddHiveGateway"/>;
    /// call them next to this one, with one ledger and one broker instance shared by the silos of a process:
    /// <code>
    /// silo.Configure("live-1", SiloRoles.Live)
    ///     .AddHivePlatform(o => o.StateDirectory = Path.Combine(dataDir, "state"))
    ///     .AddHiveLedger(ledger)
    ///     .AddHiveGateway(broker);
    /// </code>
    /// </summary>
    public static HiveSiloBuilder AddHivePlatform(this HiveSiloBuilder builder, Action<HivePlatformOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new HivePlatformOptions();
        configure?.Invoke(options);

        builder.AddGrainAssembly(typeof(HivePlatformExtensions).Assembly);
        builder.AddPlacementDirector<LivePlacement, LivePlacementDirector>();
        builder.AddPlacementDirector<DataPlacement, DataPlacementDirector>();
        if (options.StateDirectory is { } directory)
        {
            builder.AddFileGrainStorage(HivePlatform.StorageName, directory);
        }

        var services = builder.Services;
        services.AddLogging();
        services.TryAddSingleton<HostedFeeds>();
        services.AddSingleton<ISiloLoadProvider>(sp => sp.GetRequiredService<HostedFeeds>());
        services.TryAddSingleton<DatasetCache>();
        services.AddSingleton<ISiloLoadProvider>(sp => sp.GetRequiredService<DatasetCache>());
        services.TryAddSingleton(sp => new MarketDataSourceFactory(sp.GetService<TimeProvider>() ?? TimeProvider.System));

        if (options.RegisterLuaStrategies)
        {
            EnsureLuaStrategies();
        }

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
