using Hive.Runtime.Hosting;
using Hive.Runtime.Storage;

namespace Hive.Runtime.Testing;

/// <summary>Configuration of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterOptions
{
    /// <summary>The silos started with the cluster (default: two control silos).</summary>
    public IList<TestSiloOptions> Silos { get; } = new List<TestSiloOptions>();

    /// <summary>Clock of every silo (default: the system clock). Pass a <see cref="FakeTimeProvider"/> to drive timers, idle collection and timeouts.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Storage registered as the default provider of every silo; shared so state survives a silo.</summary>
    public IGrainStorage DefaultStorage { get; set; } = new MemoryGrainStorage();

    /// <summary>Extra configuration applied to every silo.</summary>
    public Action<HiveSiloBuilder>? ConfigureSilo { get; set; }
}
