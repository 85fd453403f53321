namespace Hive.Runtime.Storage;

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: inject the state named
/// <see cref="StateName"/> kept by the storage provider <see cref="StorageName"/> (the silo's default provider when null).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The state name (part of the storage key).</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider name.</summary>
    public string? StorageName { get; } = storageName;
}
