namespace Hive.Runtime;

/// <summary>Exempts a grain class from idle collection.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class KeepAliveAttribute : Attribute
{
}
