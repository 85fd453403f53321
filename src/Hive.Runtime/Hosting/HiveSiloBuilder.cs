using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;
using Hive.Runtime.Storage;
using Hive.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hive.Runtime.Hosting;

/// <summary>Configures a silo: identity, clustering, storage, placement, filters, time.</summary>
public sealed class HiveSiloBuilder
{
    /// <summary>The storage name used by <see cref="PersistentStateAttribute"/> without a storage name.</summary>
    public const string DefaultStorageName = "Default";

    internal HiveSiloBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The silo's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The silo options.</summary>
    public SiloOptions Options { get; } = new();

    /// <summary>Sets name, role and tags.</summary>
    public HiveSiloBuilder Configure(string name, string role, params string[] tags)
    {
        Options.Name = name;
        Options.Role = role;
        foreach (var tag in tags)
        {
            Options.Tags.Add(tag);
        }

        return this;
    }

    /// <summary>Uses the in-memory membership, directory, transport, load table and pub-sub store of <paramref name="cluster"/>.</summary>
    public HiveSiloBuilder UseInMemoryCluster(InMemoryCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Services.Replace(ServiceDescriptor.Singleton<IMembershipTable>(cluster.Membership));
        Services.Replace(ServiceDescriptor.Singleton<IGrainDirectory>(cluster.Directory));
        Services.Replace(ServiceDescriptor.Singleton<IMessageTransport>(cluster.Transport));
        Services.Replace(ServiceDescriptor.Singleton<ISiloLoadTable>(cluster.LoadTable));
        Services.Replace(ServiceDescriptor.Singleton<IStreamPubSubStore>(cluster.PubSub));
        return this;
    }

    /// <summary>Adds in-memory grain storage; pass a shared instance so that several silos see the same state.</summary>
    public HiveSiloBuilder AddMemoryGrainStorage(string name = DefaultStorageName, MemoryGrainStorage? storage = null)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, storage ?? new MemoryGrainStorage());
        return this;
    }

    /// <summary>Adds file grain storage under <paramref name="directory"/>.</summary>
    public HiveSiloBuilder AddFileGrainStorage(string name, string directory)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, new FileGrainStorage(directory));
        return this;
    }

    /// <summary>Registers the director applying strategy <typeparamref name="TStrategy"/>.</summary>
    public HiveSiloBuilder AddPlacementDirector<TStrategy, TDirector>()
        where TStrategy : PlacementStrategy
        where TDirector : class, IPlacementDirector
    {
        Services.AddSingleton(new PlacementDirectorRegistration(typeof(TStrategy), typeof(TDirector)));
        return this;
    }

    /// <summary>Adds a filter on calls arriving at this silo's activations.</summary>
    public HiveSiloBuilder AddIncomingGrainCallFilter<TFilter>()
        where TFilter : class, IIncomingGrainCallFilter
    {
        Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return this;
    }

    /// <summary>Adds a filter on calls made through this silo's grain references.</summary>
    public HiveSiloBuilder AddOutgoingGrainCallFilter<TFilter>()
        where TFilter : class, IOutgoingGrainCallFilter
    {
        Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return this;
    }

    /// <summary>
    /// Makes sure the generated registrations of <paramref name="assembly"/> (grain classes, proxies, JSON metadata) are
    /// loaded before the silo starts, so it can activate grains no code of the process has touched yet.
    /// </summary>
    public HiveSiloBuilder AddGrainAssembly(System.Reflection.Assembly assembly)
    {
        Invocation.GrainTypeRegistry.EnsureRegistered(assembly);
        return this;
    }

    /// <summary>Uses <paramref name="timeProvider"/> for timers, idle collection and timeouts.</summary>
    public HiveSiloBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        Services.Replace(ServiceDescriptor.Singleton(timeProvider));
        return this;
    }

    internal void AddDefaults()
    {
        var single = new InMemoryCluster();
        Services.TryAddSingleton<IMembershipTable>(single.Membership);
        Services.TryAddSingleton<IGrainDirectory>(single.Directory);
        Services.TryAddSingleton<IMessageTransport>(single.Transport);
        Services.TryAddSingleton<ISiloLoadTable>(single.LoadTable);
        Services.TryAddSingleton<IStreamPubSubStore>(single.PubSub);
        Services.TryAddSingleton(TimeProvider.System);
    }
}
