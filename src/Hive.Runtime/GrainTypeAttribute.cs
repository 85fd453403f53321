namespace Hive.Runtime;

/// <summary>Overrides the conventional grain type name of a grain class (used in <see cref="GrainId"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
