using Orleans;

namespace Hive.Grains.Diagnostics;

/// <summary>Answers at once with the name of its silo: the far end of a <see cref="ILatencyProbeGrain"/> measurement.</summary>
[Alias("hive.echo")]
public interface IEchoGrain : IGrainWithStringKey
{
    /// <summary>Returns the name of the silo hosting this activation.</summary>
    [Alias("EchoAsync")]
    ValueTask<string> EchoAsync();
}
