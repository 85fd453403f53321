namespace Hive.Runtime.Hosting;

/// <summary>Configuration of one silo.</summary>
public sealed class SiloOptions
{
    /// <summary>Silo name (unique in the cluster).</summary>
    public string Name { get; set; } = "silo";

    /// <summary>Endpoint for the transport (host:port); the in-memory transport uses <see cref="Name"/> when null.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Role: <c>live</c>, <c>data</c> or <c>control</c> (see <see cref="Cluster.SiloRoles"/>).</summary>
    public string Role { get; set; } = Cluster.SiloRoles.Control;

    /// <summary>Tags such as <c>low_latency</c>, <c>high_ram</c>, <c>region=eu</c>.</summary>
    public ICollection<string> Tags { get; } = new List<string>();

    /// <summary>Default response timeout of grain calls (30 s); <see cref="ResponseTimeoutAttribute"/> overrides it per method.</summary>
    public TimeSpan DefaultResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle time after which an activation is collected (15 min); <see cref="KeepAliveAttribute"/> opts out.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (1 min).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo writes its liveness heartbeat and publishes its load (5 s).</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A silo whose heartbeat is older than this is declared dead by the first silo that notices (15 s).</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a graceful stop waits for deactivations (30 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true (default), types without generated metadata (grain state, stream events not used as grain method
    /// arguments) serialize through System.Text.Json's reflection resolver after the generated metadata.
    /// </summary>
    public bool AllowReflectionSerialization { get; set; } = true;
}
