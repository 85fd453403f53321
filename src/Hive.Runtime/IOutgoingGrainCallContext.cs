namespace Hive.Runtime;

/// <summary>The context of a call leaving a silo (or any caller holding a grain reference).</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
}
