using Hive.Grains.Gateway;
using Hive.Grains.Ledger;
using Hive.Runtime;
using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Hosting;

/// <summary>
/// The embedded default of DESIGN §5: three silos in one process — <c>control</c>, <c>live</c> (tag
/// <c>low_latency</c>) and <c>data</c> (tag <c>high_ram</c>) — on the runtime's in-memory membership, directory and
/// transport, with grain state in files under <c>&lt;data-dir&gt;/state</c> and the ledger under
/// <c>&lt;data-dir&gt;/ledger</c>. What the silos acknowledged survives a restart on the same data directory.
/// <see cref="StopAsync"/> drains: the live silo first (runners, feeds and the gateway deactivate and persist), then
/// the data silo, then the control silo (the registry).
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    /// <summary>Name of the control silo.</summary>
    public const string ControlSiloName = "control";

    /// <summary>Name of the live silo.</summary>
    public const string LiveSiloName = "live";

    /// <summary>Name of the data silo.</summary>
    public const string DataSiloName = "data";

    private readonly List<(Silo Silo, ServiceProvider Services)> _silos = [];
    private readonly EmbeddedClusterOptions _options;
    private readonly InMemoryCluster _infrastructure = new();
    private readonly FileStream _directoryLock;
    private int _stopped;

    private EmbeddedCluster(EmbeddedClusterOptions options, FileGrainStorage storage, FileLedger ledger, FileStream directoryLock)
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

    /// <summary>The grain state store shared by the three silos.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>The ledger the gateway records orders, fills, denials and fencing rejections in.</summary>
    public FileLedger Ledger { get; }

    /// <summary>The paper broker behind the gateways (it stands for the exchange).</summary>
    public PaperBroker Broker { get; } = new();

    /// <summary>The silos: control, live, data.</summary>
    public IReadOnlyList<Silo> Silos => [.. _silos.Select(s => s.Silo)];

    /// <summary>The control silo.</summary>
    public Silo Control => _silos[0].Silo;

    /// <summary>The live silo.</summary>
    public Silo Live => _silos[1].Silo;

    /// <summary>The data silo.</summary>
    public Silo Data => _silos[2].Silo;

    /// <summary>A grain factory; calls made through it start at the control silo.</summary>
    public IGrainFactory GrainFactory => Control.GrainFactory;

    /// <summary>Starts the three silos and waits until each sees the others active.</summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        var root = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(root);
        var directoryLock = LockDirectory(root);
        FileLedger ledger;
        try
        {
            ledger = new FileLedger(Path.Combine(root, "ledger"), logger: options.LoggerFactory?.CreateLogger<FileLedger>());
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }

        var cluster = new EmbeddedCluster(options, new FileGrainStorage(Path.Combine(root, "state")), ledger, directoryLock);
        try
        {
            await cluster.StartSiloAsync(ControlSiloName, SiloRoles.Control, [], cancellationToken).ConfigureAwait(false);
            await cluster.StartSiloAsync(LiveSiloName, SiloRoles.Live, ["low_latency"], cancellationToken).ConfigureAwait(false);
            await cluster.StartSiloAsync(DataSiloName, SiloRoles.Data, ["high_ram"], cancellationToken).ConfigureAwait(false);
            await cluster.WaitForActiveAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
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
        foreach (var (silo, _) in Enumerable.Reverse(_silos).OrderBy(s => StopOrder(s.Silo.Metadata.Role)))
        {
            try
            {
                await silo.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                silo.Kill();
                (errors ??= []).Add(new TimeoutException($"Silo '{silo.Metadata.Name}' did not drain in time; stopped it at once.", ex));
            }
        }

        foreach (var (_, services) in _silos)
        {
            await services.DisposeAsync().ConfigureAwait(false);
        }

        Ledger.Dispose();
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

    private static int StopOrder(string role) => role switch
    {
        SiloRoles.Live => 0,
        SiloRoles.Data => 1,
        _ => 2,
    };

    private async Task StartSiloAsync(string name, string role, string[] tags, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (_options.LoggerFactory is { } loggerFactory)
        {
            services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        }

        services.AddHiveSilo(builder =>
        {
            builder.Configure(name, role, tags);
            builder.Options.ShutdownTimeout = _options.ShutdownTimeout;
            builder.UseInMemoryCluster(_infrastructure);
            builder.UseTimeProvider(_options.TimeProvider);
            builder.Services.AddKeyedSingleton(HiveSiloBuilder.DefaultStorageName, Storage);
            ConfigurePlatform(builder);
            _options.ConfigureSilo?.Invoke(builder);
        });
        var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        try
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _silos.Add((silo, provider));
        await Task.WhenAll(_silos.Select(s => s.Silo.RefreshMembershipAsync())).ConfigureAwait(false);
    }

    private void ConfigurePlatform(HiveSiloBuilder builder)
    {
        // One storage and one ledger for the three silos: the ledger file is opened for exclusive writing.
        builder.AddHivePlatform();
        builder.AddHiveLedger(Ledger);
        builder.AddHiveGateway(Broker, _options.Gateway);
    }

    private async Task WaitForActiveAsync(CancellationToken cancellationToken)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (true)
        {
            await Task.WhenAll(_silos.Select(s => s.Silo.RefreshMembershipAsync())).ConfigureAwait(false);
            var addresses = _silos.Select(s => s.Silo.Address).ToList();
            if (_silos.All(s => addresses.All(a => s.Silo.MembershipView.TryGetValue(a, out var status) && status == SiloStatus.Active)))
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The embedded cluster's silos did not all become active within 10 s.");
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }
}
