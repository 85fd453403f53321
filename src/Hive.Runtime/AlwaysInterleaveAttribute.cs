namespace Hive.Runtime;

/// <summary>Lets a grain method interleave with any other request of the activation, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}
