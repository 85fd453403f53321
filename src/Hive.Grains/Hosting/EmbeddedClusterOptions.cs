using Orleans.Hosting;
using Hive.Grains.Gateway;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Hosting;

/// <summary>Configuration of an <see cref="EmbeddedCluster"/>.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>
    /// The data directory: grain state under <c>state/</c>, the ledger under <c>ledger/</c> (unless a <see cref="Store"/>
    /// holds them), the lock file that keeps it to one cluster.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>The clock of the silos (timers, idle collection, timeouts, ledger timestamps).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Logging for the silos and grains; none when <c>null</c>.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How long a graceful stop waits for each silo's activations to deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Account limits and other settings of the gateways; the defaults when <c>null</c>.</summary>
    public GatewayOptions? Gateway { get; init; }

    /// <summary>
    /// Configuration entries for every silo, over those from the environment (for example
    /// <c>Hive:Streams:Provider</c> = <c>memory</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Configuration { get; init; }

    /// <summary>
    /// Where membership, grain state and the ledger live. Null (the default): files under <see cref="DataDirectory"/>
    /// and localhost clustering. The cluster owns the store and disposes it when it stops.
    /// </summary>
    public IEmbeddedClusterStore? Store { get; init; }

    /// <summary>Runs after the platform wiring for every silo (extra services, filters; tests).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }
}
