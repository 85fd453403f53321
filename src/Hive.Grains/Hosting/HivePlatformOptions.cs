namespace Hive.Grains.Hosting;

/// <summary>Options of <see cref="HivePlatformExtensions.AddHivePlatform"/>.</summary>
public sealed class HivePlatformOptions
{
    /// <summary>
    /// When set, grain state (runners, registry, feeds, gateway) is kept in files under this directory (the embedded
    /// default). When null, the host registers a grain storage named <see cref="HivePlatform.StorageName"/> itself (the
    /// test cluster registers a shared in-memory one).
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>Whether to make <c>*.lua</c> strategy paths resolvable in the default strategy catalog (default true).</summary>
    public bool RegisterLuaStrategies { get; set; } = true;
}
