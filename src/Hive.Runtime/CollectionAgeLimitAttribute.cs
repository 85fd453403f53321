using System.Globalization;

namespace Hive.Runtime;

/// <summary>Overrides the idle collection age (default 15 minutes) of a grain class, for example <c>[CollectionAgeLimit("00:05:00")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class CollectionAgeLimitAttribute(string age) : Attribute
{
    /// <summary>The age after which an idle activation is collected.</summary>
    public TimeSpan Age { get; } = TimeSpan.Parse(age, CultureInfo.InvariantCulture);
}
