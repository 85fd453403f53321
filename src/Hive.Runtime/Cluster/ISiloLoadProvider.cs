namespace Hive.Runtime.Cluster;

/// <summary>Hook adding CPU, memory and hot-dataset figures to the load a silo publishes. Register it in the silo's services.</summary>
public interface ISiloLoadProvider
{
    /// <summary>Returns <paramref name="load"/> completed with the provider's figures.</summary>
    SiloLoad Complete(SiloLoad load);
}
