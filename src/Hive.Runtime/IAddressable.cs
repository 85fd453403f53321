namespace Hive.Runtime;

/// <summary>Something with a grain identity: a grain instance or a grain reference.</summary>
public interface IAddressable
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }
}
