using Orleans;

namespace Hive.Grains.Gateway;

/// <summary>
/// A control call (register a deployment, revoke, kill switch) reached a gateway activation that lost its lease to a
/// newer one. The caller retries; the next call reaches the current gateway.
/// </summary>
[GenerateSerializer]
[Alias("hive.gateway-not-authoritative-exception")]
public sealed class GatewayNotAuthoritativeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayNotAuthoritativeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GatewayNotAuthoritativeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GatewayNotAuthoritativeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
