using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hive.Runtime.Testing;

/// <summary>
/// Several silos in one process on the in-memory membership, directory and transport (which carries serialized
/// messages, as a network would). Start, stop (graceful), kill (no callbacks) and restart silos.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<(Silo Silo, TestSiloOptions Options, ServiceProvider Services)> _silos = [];
    private readonly Lock _lock = new();

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
    }

    /// <summary>The shared in-memory infrastructure.</summary>
    public InMemoryCluster Infrastructure { get; } = new();

    /// <summary>The clock of the silos.</summary>
    public TimeProvider TimeProvider => _options.TimeProvider;

    /// <summary>The running silos, in start order.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock)
            {
                return [.. _silos.Select(s => s.Silo)];
            }
        }
    }

    /// <summary>The first running silo.</summary>
    public Silo Primary => Silos[0];

    /// <summary>A grain factory (calls made through it start at <see cref="Primary"/>).</summary>
    public IGrainFactory GrainFactory => Primary.GrainFactory;

    /// <summary>Starts a cluster; with no silos configured, two control silos <c>silo0</c> and <c>silo1</c>.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null)
    {
        options ??= new TestClusterOptions();
        var cluster = new TestCluster(options);
        var silos = options.Silos.Count != 0 ? [.. options.Silos] : new List<TestSiloOptions> { new("silo0"), new("silo1") };
        foreach (var silo in silos)
        {
            await cluster.StartSiloAsync(silo).ConfigureAwait(false);
        }

        await cluster.WaitForStableMembershipAsync().ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Starts one more silo.</summary>
    public async Task<Silo> StartSiloAsync(TestSiloOptions siloOptions)
    {
        ArgumentNullException.ThrowIfNull(siloOptions);
        var services = new ServiceCollection();
        services.AddHiveSilo(builder =>
        {
            builder.Configure(siloOptions.Name, siloOptions.Role, siloOptions.Tags);
            builder.UseInMemoryCluster(Infrastructure);
            builder.UseTimeProvider(_options.TimeProvider);
            builder.Services.AddKeyedSingleton(HiveSiloBuilder.DefaultStorageName, _options.DefaultStorage);
            _options.ConfigureSilo?.Invoke(builder);
        });
        var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _silos.Add((silo, siloOptions, provider));
        }

        await RefreshAllAsync().ConfigureAwait(false);
        return silo;
    }

    /// <summary>Stops a silo gracefully: its activations deactivate (callbacks run), then it leaves as Dead.</summary>
    public async Task StopSiloAsync(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var entry = Remove(silo);
        await silo.StopAsync().ConfigureAwait(false);
        await entry.Services.DisposeAsync().ConfigureAwait(false);
        await RefreshAllAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Kills a silo: it stops at once without deactivation callbacks; a surviving silo declares it dead in the membership
    /// table and every survivor drops its directory entries, so the next call re-places its grains.
    /// </summary>
    public async Task KillSiloAsync(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var entry = Remove(silo);
        silo.Kill();
        var survivors = Silos;
        if (survivors.Count != 0)
        {
            await survivors[0].DeclareDeadAsync(silo.Address).ConfigureAwait(false);
        }
        else
        {
            var data = await Infrastructure.Membership.ReadAllAsync().ConfigureAwait(false);
            var row = data.Entries.First(e => e.Entry.Silo == silo.Address);
            await Infrastructure.Membership.UpdateRowAsync(row.Entry with { Status = SiloStatus.Dead }, row.ETag, data.Version.Next()).ConfigureAwait(false);
        }

        await RefreshAllAsync().ConfigureAwait(false);
        await entry.Services.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops a silo gracefully and starts a new incarnation (new generation) with the same name, role and tags.</summary>
    public async Task<Silo> RestartSiloAsync(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        TestSiloOptions options;
        lock (_lock)
        {
            options = _silos.First(s => s.Silo == silo).Options;
        }

        await StopSiloAsync(silo).ConfigureAwait(false);
        return await StartSiloAsync(options).ConfigureAwait(false);
    }

    /// <summary>Waits until every running silo sees every running silo Active and no silo joining or shutting down.</summary>
    public async Task WaitForStableMembershipAsync(TimeSpan? timeout = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            await RefreshAllAsync().ConfigureAwait(false);
            var silos = Silos;
            var running = silos.Select(s => s.Address).ToHashSet();
            var stable = silos.All(s =>
            {
                var view = s.MembershipView;
                return running.All(a => view.TryGetValue(a, out var status) && status == SiloStatus.Active)
                    && view.Values.All(status => status is SiloStatus.Active or SiloStatus.Dead);
            });
            if (stable)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(start) > limit)
            {
                throw new TimeoutException("Membership did not become stable in time.");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>The silo hosting the activation of <paramref name="grainId"/>, or null.</summary>
    public Silo? FindHost(GrainId grainId) => Silos.FirstOrDefault(s => s.HostsGrain(grainId));

    /// <summary>Stops every silo gracefully.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos.Reverse())
        {
            try
            {
                await StopSiloAsync(silo).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                silo.Kill();
            }
        }
    }

    private (Silo Silo, TestSiloOptions Options, ServiceProvider Services) Remove(Silo silo)
    {
        lock (_lock)
        {
            var index = _silos.FindIndex(s => s.Silo == silo);
            if (index < 0)
            {
                throw new InvalidOperationException($"Silo {silo.Address} is not running in this test cluster.");
            }

            var entry = _silos[index];
            _silos.RemoveAt(index);
            return entry;
        }
    }

    private Task RefreshAllAsync() => Task.WhenAll(Silos.Select(s => s.RefreshMembershipAsync()));
}
