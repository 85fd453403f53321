namespace Hive.Runtime;

/// <summary>A grain interface whose grains are identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}
