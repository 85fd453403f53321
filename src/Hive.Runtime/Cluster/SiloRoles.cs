namespace Hive.Runtime.Cluster;

/// <summary>The silo roles Hive uses.</summary>
public static class SiloRoles
{
    /// <summary>Low-latency silos hosting live trading grains.</summary>
    public const string Live = "live";

    /// <summary>High-RAM silos hosting backtests and datasets.</summary>
    public const string Data = "data";

    /// <summary>Silos hosting registry and orchestration grains.</summary>
    public const string Control = "control";
}
