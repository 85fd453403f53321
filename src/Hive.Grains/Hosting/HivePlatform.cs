

namespace Hive.Grains.Hosting;

/// <summary>Names the platform's grains share with the silo configuration.</summary>
public static class HivePlatform
{
    /// <summary>
    /// The grain storage provider runners, the registry, feeds, gateways and the "market" stream provider's
    /// subscriptions are kept in: files under <see cref="HivePlatformOptions.StateDirectory"/> in the embedded
    /// default, memory in the test cluster unless a test registers its own.
    /// </summary>
    public const string StorageName = "hive";
}
