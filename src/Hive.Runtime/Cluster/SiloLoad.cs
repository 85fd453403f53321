namespace Hive.Runtime.Cluster;

/// <summary>Dynamic load figures a silo publishes for placement.</summary>
public sealed record SiloLoad
{
    /// <summary>Number of activations on the silo.</summary>
    public int ActivationCount { get; init; }

    /// <summary>CPU usage in percent, when a <see cref="ISiloLoadProvider"/> reports it.</summary>
    public double? CpuUsagePercent { get; init; }

    /// <summary>Memory in use in bytes, when a <see cref="ISiloLoadProvider"/> reports it.</summary>
    public long? MemoryUsageBytes { get; init; }

    /// <summary>Datasets the silo keeps hot in memory (for data placement).</summary>
    public IReadOnlySet<string> HotDatasets { get; init; } = new HashSet<string>();
}
