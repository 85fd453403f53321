using System.Net;
using System.Net.Sockets;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Hive.Grains.Hosting;

/// <summary>
/// The embedded default of DESIGN §5: three Orleans silos in one process — <c>control</c>, <c>live</c> (tag
/// <c>low_latency</c>) and <c>data</c> (tag <c>high_ram</c>) — on loopback with localhost clustering, grain state in
/// files under <c>&lt;data-dir&gt;/state</c> (<see cref="FileGrainStorage"/>) and the ledger under
/// <c>&lt;data-dir&gt;/ledger</c>; or, with <see cref="EmbeddedClusterOptions.Store"/>, membership, grain state and the
/// ledger in that store (PostgreSQL). What the silos acknowledged survives a restart on the same data directory or store.
/// A drain is <see cref="DrainFeedsAsync"/> (every event the feeds published reaches every runner) then
/// <see cref="StopAsync"/>: the live silo (runners, feeds and the gateway deactivate and persist), then the data silo,
/// then the control silo.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    /// <summary>Name of the control silo.</summary>
    public const string ControlSiloName = "control";

    /// <summary>Name of the live silo.</summary>
    public const string LiveSiloName = "live";

    /// <summary>Name of the data silo.</summary>
    public const string DataSiloName = "data";

    /// <summary>The Orleans service ID of the embedded cluster: grain state is keyed by it, so every start finds the last one's.</summary>
    public const string ServiceId = "hive";

    private readonly List<(string Name, string Role, IHost Host)> _silos = [];
    private readonly EmbeddedClusterOptions _options;
    private readonly FileStream _directoryLock;
    private readonly string _clusterId = "hive-embedded-" + Guid.NewGuid().ToString("N")[..8];
    private int _stopped;

    private EmbeddedCluster(EmbeddedClusterOptions options, FileGrainStorage? storage, ILedger ledger, FileStream directoryLock)
    {
        _directoryLock = directoryLock;
        _options = options;
        Storage = storage;
        Ledger = ledger;
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDirectory => Path.GetFullPath(_options.DataDirectory);

    /// <summary>Where grain state is stored.</summary>
    public string StateDirectory => Path.Combine(DataDirectory, "state");

    /// <summary>Where the ledger is stored.</summary>
    public string LedgerDirectory => Path.Combine(DataDirectory, "ledger");

    /// <summary>The grain state files shared by the three silos; null when a <see cref="EmbeddedClusterOptions.Store"/> holds the state.</summary>
    public FileGrainStorage? Storage { get; }

    /// <summary>
    /// The ledger the gateway records orders, fills, denials and fencing rejections in: a <see cref="FileLedger"/>, or the
    /// store's.
    /// </summary>
    public ILedger Ledger { get; }

    /// <summary>Where state and the ledger are kept, for people: the data directory's folders, or the store's description.</summary>
    public string StoreDescription => _options.Store is { } store ? store.Description : $"files under {DataDirectory}";

    /// <summary>The paper broker behind the gateways (it stands for the exchange) unless <see cref="EmbeddedClusterOptions.ExchangeBroker"/> names another.</summary>
    public PaperBroker Broker { get; } = new();

    /// <summary>The silos' names, in start order: control, live, data.</summary>
    public IReadOnlyList<string> SiloNames => [.. _silos.Select(s => s.Name)];

    /// <summary>A grain factory; calls made through it start at the control silo.</summary>
    public IGrainFactory GrainFactory => _silos[0].Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The services of the silo named <paramref name="name"/>.</summary>
    public IServiceProvider ServicesOf(string name) => _silos.First(s => s.Name == name).Host.Services;

    /// <summary>Starts the three silos; returns when all three are active.</summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        var root = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(root);
        FileStream directoryLock;
        try
        {
            directoryLock = LockDirectory(root);
        }
        catch
        {
            if (options.Store is { } store)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        ILedger ledger;
        FileGrainStorage? storage = null;
        try
        {
            if (options.Store is { } store)
            {
                await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
                ledger = store.Ledger;
            }
            else
            {
                ledger = new FileLedger(Path.Combine(root, "ledger"), logger: options.LoggerFactory?.CreateLogger<FileLedger>());
                storage = new FileGrainStorage(Path.Combine(root, "state"));
            }
        }
        catch
        {
            directoryLock.Dispose();
            if (options.Store is { } store)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var cluster = new EmbeddedCluster(options, storage, ledger, directoryLock);
        try
        {
            var ports = FreePorts(6);
            var primary = new IPEndPoint(IPAddress.Loopback, ports[0]);
            await cluster.StartSiloAsync(ControlSiloName, SiloRoles.Control, [], ports[0], ports[1], primary, cancellationToken).ConfigureAwait(false);
            await cluster.StartSiloAsync(LiveSiloName, SiloRoles.Live, ["low_latency"], ports[2], ports[3], primary, cancellationToken).ConfigureAwait(false);
            await cluster.StartSiloAsync(DataSiloName, SiloRoles.Data, ["high_ram"], ports[4], ports[5], primary, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The first step of a drain: stops the feeds of <paramref name="feedSymbols"/>. Each returns once its subscribers
    /// took every event it published, and resumes after that event on the next start. <see cref="StopAsync"/> follows.
    /// </summary>
    public async Task DrainFeedsAsync(IEnumerable<string> feedSymbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedSymbols);
        List<Exception>? errors = null;
        foreach (var symbol in feedSymbols.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await GrainFactory.GetGrain<IMarketFeedGrain>(symbol).DrainAsync().WaitAsync(_options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (errors ??= []).Add(new InvalidOperationException($"Feed {symbol} did not drain: {ex.Message}", ex));
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("The feeds did not drain cleanly.", errors);
        }
    }

    /// <summary>
    /// Stops gracefully: live, data, then control; each silo deactivates its activations (which persist their state)
    /// before it leaves. Calling it again does nothing.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        List<Exception>? errors = null;
        foreach (var (name, _, host) in _silos.OrderBy(s => StopOrder(s.Role)))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ShutdownTimeout);
            try
            {
                await host.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                (errors ??= []).Add(new TimeoutException($"Silo '{name}' did not drain within {_options.ShutdownTimeout.TotalSeconds:0} s; stopped it at once.", ex));
            }
        }

        foreach (var (_, _, host) in _silos)
        {
            host.Dispose();
        }

        if (_options.Store is { } store)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            ((FileLedger)Ledger).Dispose();
        }

        _directoryLock.Dispose();

        if (errors is not null)
        {
            throw new AggregateException("The embedded cluster did not stop cleanly.", errors);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (AggregateException)
        {
            // Disposal is best effort; StopAsync reports a failed drain to callers that ask.
        }
    }

    // One cluster per data directory: a lock file held for the cluster's life (exclusive, also across processes).
    private static FileStream LockDirectory(string root)
    {
        var path = Path.Combine(root, "hive.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new IOException($"The data directory {root} is in use by another Hive cluster (its lock file {path} is held).", ex);
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static int StopOrder(string role) => role switch
    {
        SiloRoles.Live => 0,
        SiloRoles.Data => 1,
        _ => 2,
    };

    private async Task StartSiloAsync(string name, string role, string[] tags, int siloPort, int gatewayPort, IPEndPoint primary, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();

        // Orleans and Hive settings from the environment (Hive__Streams__Provider=memory switches the stream provider).
        builder.Configuration.AddEnvironmentVariables();
        if (_options.Configuration is { } settings)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (_options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = _options.ShutdownTimeout);
        builder.Services.AddSingleton(_options.TimeProvider);
        builder.UseOrleans(silo =>
        {
            if (_options.Store is { } store)
            {
                // A cluster ID of its own per start, as with localhost clustering: rows a crashed run left behind
                // never count as members of this one.
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = _clusterId;
                    o.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                store.ConfigureSilo(silo);
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId: ServiceId, clusterId: _clusterId);
            }

            silo.AddHiveSilo(new HiveSiloOptions
            {
                Name = name,
                Role = role,
                Tags = tags,
                Ledger = Ledger,
                Broker = _options.ExchangeBroker ?? Broker,
                Gateway = _options.Gateway,
                Storage = Storage,
                DeactivationTimeout = _options.ShutdownTimeout,
            });
            _options.ConfigureSilo?.Invoke(silo);
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _silos.Add((name, role, host));
    }
}
