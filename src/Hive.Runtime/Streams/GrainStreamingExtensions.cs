namespace Hive.Runtime.Streams;

/// <summary>Stream access from grains.</summary>
public static class GrainStreamingExtensions
{
    /// <summary>The stream provider <paramref name="name"/> of the grain's silo.</summary>
    public static IStreamProvider GetStreamProvider(this Grain grain, string name)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.Activation.Runtime.Streams.GetProvider(name);
    }
}
