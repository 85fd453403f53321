namespace Hive.Runtime.Cluster;

/// <summary>
/// The cluster-wide map grain ID → activation address. Its atomic register-if-absent is what makes the activation of a
/// grain single in the whole cluster. Implementations: <see cref="InMemoryGrainDirectory"/>; PostgreSQL later.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers <paramref name="address"/> unless the grain is registered already; returns the registered address (the winner).</summary>
    Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>The registered address of <paramref name="grainId"/>, or null.</summary>
    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry if it is exactly <paramref name="address"/> (another silo's newer entry stays).</summary>
    Task UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry pointing at one of <paramref name="silos"/> (called when they are declared dead).</summary>
    Task UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken = default);
}
