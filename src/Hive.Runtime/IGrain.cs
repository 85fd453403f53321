namespace Hive.Runtime;

/// <summary>Marker interface of every grain interface. Derive from one of the keyed variants instead.</summary>
public interface IGrain : IAddressable
{
}
