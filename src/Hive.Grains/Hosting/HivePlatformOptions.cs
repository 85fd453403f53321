using Hive.Grains.Placement;
using Hive.Grains.Streaming;
using Orleans.Storage;

namespace Hive.Grains.Hosting;

/// <summary>Options of <see cref="HivePlatformExtensions.AddHivePlatform"/>.</summary>
public sealed class HivePlatformOptions
{
    /// <summary>The silo's role: <see cref="SiloRoles.Live"/>, <see cref="SiloRoles.Data"/> or <see cref="SiloRoles.Control"/>.</summary>
    public string Role { get; set; } = SiloRoles.Control;

    /// <summary>The silo's tags, <c>KEY</c> or <c>KEY=VALUE</c> (<c>low_latency</c>, <c>high_ram</c>, <c>region=eu</c>).</summary>
    public IList<string> Tags { get; } = [];

    /// <summary>
    /// When set, grain state (runners, registry, feeds, gateway, stream subscriptions) is kept in files under this
    /// directory (the embedded default).
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// A storage instance to register as <see cref="HivePlatform.StorageName"/> (several silos of one process share
    /// one); takes precedence over <see cref="StateDirectory"/>. When both are null the host registers the storage.
    /// </summary>
    public IGrainStorage? Storage { get; set; }

    /// <summary>Adjusts the "market" stream provider (delivery retries, memory-stream poll period); the provider kind comes from configuration <c>Hive:Streams:Provider</c>.</summary>
    public Action<HiveMarketStreamOptions>? ConfigureStreams { get; set; }

    /// <summary>
    /// How often this silo asks the feed watchdog to call every running feed, which brings back a feed whose silo died
    /// (default 2 s; zero turns this silo's checks off).
    /// </summary>
    public TimeSpan FeedWatchdogPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Failure detection (Orleans membership settings) of the silo; Hive's tuned values by default, Orleans' own when
    /// set to <c>null</c>.
    /// </summary>
    public HiveFailureDetectionOptions? FailureDetection { get; set; } = new();

    /// <summary>Whether to make <c>*.lua</c> strategy paths resolvable in the default strategy catalog (default true).</summary>
    public bool RegisterLuaStrategies { get; set; } = true;
}
