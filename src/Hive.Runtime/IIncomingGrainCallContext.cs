namespace Hive.Runtime;

/// <summary>The context of a call arriving at an activation.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance the call runs on.</summary>
    object Grain { get; }
}
