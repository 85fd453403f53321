namespace Hive.Runtime;

/// <summary>Marks a grain class reentrant: its activation may start a request while another one awaits.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class ReentrantAttribute : Attribute
{
}
