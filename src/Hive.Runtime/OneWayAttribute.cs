namespace Hive.Runtime;

/// <summary>Makes a grain method fire-and-forget: the caller gets a completed task at once and never sees the result or an exception. The method must return Task or ValueTask.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class OneWayAttribute : Attribute
{
}
