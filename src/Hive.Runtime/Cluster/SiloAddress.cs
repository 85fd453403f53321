using System.Globalization;

namespace Hive.Runtime.Cluster;

/// <summary>
/// Identity of one silo incarnation: its endpoint (host:port, or a name on the in-memory transport) and a generation
/// that changes on every start, so a restarted silo is a different silo.
/// </summary>
public sealed record SiloAddress(string Endpoint, long Generation)
{
    /// <summary>Parses the <c>endpoint@generation</c> form of <see cref="ToString"/>.</summary>
    public static SiloAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        if (at <= 0 || !long.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            throw new FormatException($"Silo address '{value}' is not of the form 'endpoint@generation'.");
        }

        return new SiloAddress(value[..at], generation);
    }

    /// <inheritdoc />
    public override string ToString() => Endpoint + "@" + Generation.ToString(CultureInfo.InvariantCulture);
}
