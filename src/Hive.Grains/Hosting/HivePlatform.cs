using Hive.Runtime.Hosting;

namespace Hive.Grains.Hosting;

/// <summary>Names the platform's grains share with the silo configuration.</summary>
public static class HivePlatform
{
    /// <summary>
    /// The grain storage provider runners, the registry and feeds keep their state in: the silo's default provider,
    /// so that the test cluster's shared storage and <see cref="HivePlatformOptions.StateDirectory"/> both serve it.
    /// </summary>
    public const string StorageName = HiveSiloBuilder.DefaultStorageName;
}
