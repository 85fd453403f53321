using System.Globalization;

namespace Hive.Runtime;

/// <summary>Overrides the response timeout (default 30 s) of one grain method, for example <c>[ResponseTimeout("00:00:05")]</c>.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class ResponseTimeoutAttribute : Attribute
{
    /// <summary>Creates the attribute from a <see cref="TimeSpan"/> string in invariant format (<c>hh:mm:ss</c>).</summary>
    public ResponseTimeoutAttribute(string timeout)
    {
        Timeout = TimeSpan.Parse(timeout, CultureInfo.InvariantCulture);
    }

    /// <summary>The timeout.</summary>
    public TimeSpan Timeout { get; }
}
