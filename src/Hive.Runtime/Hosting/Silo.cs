using Hive.Runtime.Cluster;
using Hive.Runtime.Core;
using Hive.Runtime.Streams;

namespace Hive.Runtime.Hosting;

/// <summary>A silo: hosts activations and takes part in the cluster. Resolve it from the silo's services.</summary>
public sealed class Silo
{
    private readonly SiloRuntime _runtime;

    internal Silo(SiloRuntime runtime)
    {
        _runtime = runtime;
    }

    /// <summary>This silo incarnation's address.</summary>
    public SiloAddress Address => _runtime.Address;

    /// <summary>Name, role and tags.</summary>
    public SiloMetadata Metadata => _runtime.Metadata;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _runtime.Services;

    /// <summary>The grain factory of this silo (calls made through it start here).</summary>
    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    /// <summary>True once the silo stopped, was killed, or learned that the cluster declared it dead.</summary>
    public bool IsStopped => _runtime.IsKilled || _runtime.IsStopping;

    /// <summary>Number of activations hosted here.</summary>
    public int ActivationCount => _runtime.ActivationCount;

    /// <summary>True when the grain has an activation on this silo.</summary>
    public bool HostsGrain(GrainId grainId) => _runtime.TryGetActivation(grainId, out _);

    /// <summary>The stream provider <paramref name="name"/>.</summary>
    public IStreamProvider GetStreamProvider(string name) => _runtime.Streams.GetProvider(name);

    /// <summary>The statuses of the silos as this silo last read them from the membership table.</summary>
    public IReadOnlyDictionary<SiloAddress, SiloStatus> MembershipView =>
        _runtime.Membership.Entries.ToDictionary(e => e.Silo, e => e.Status);

    internal SiloRuntime Runtime => _runtime;

    /// <summary>Joins the cluster and starts serving.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _runtime.StartAsync(cancellationToken);

    /// <summary>Stops gracefully: status ShuttingDown, every activation deactivated (callbacks run), status Dead.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _runtime.StopAsync(cancellationToken);

    /// <summary>Rereads the membership table and reacts to dead silos.</summary>
    public Task RefreshMembershipAsync() => _runtime.Membership.RefreshAsync();

    /// <summary>Declares <paramref name="silo"/> dead in the membership table (failure detection's outcome).</summary>
    public Task<bool> DeclareDeadAsync(SiloAddress silo, CancellationToken cancellationToken = default) =>
        _runtime.Membership.SetStatusAsync(silo, SiloStatus.Dead, cancellationToken);

    /// <summary>Stops at once: no deactivation callbacks, nothing written.</summary>
    public void Kill() => _runtime.Kill();
}
