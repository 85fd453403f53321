namespace Hive.Runtime.Cluster;

/// <summary>Where silos publish their load figures for each other's placement decisions.</summary>
public interface ISiloLoadTable
{
    /// <summary>Publishes the load of <paramref name="silo"/>.</summary>
    void Publish(SiloAddress silo, SiloLoad load);

    /// <summary>The last load published by <paramref name="silo"/>, or null.</summary>
    SiloLoad? Get(SiloAddress silo);
}
