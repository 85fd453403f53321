using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hive.Api;

/// <summary>Kestrel endpoint of the gRPC API.</summary>
public static class HiveApiKestrelExtensions
{
    /// <summary>
    /// Adds the API's endpoint to <paramref name="kestrel"/>: HTTP/2 only on <see cref="HiveApiEndpointOptions.Address"/>
    /// and <see cref="HiveApiEndpointOptions.Port"/>, with TLS when <see cref="HiveApiEndpointOptions.Certificate"/> is set.
    /// </summary>
    public static KestrelServerOptions ListenHiveApi(this KestrelServerOptions kestrel, HiveApiEndpointOptions endpoint)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentOutOfRangeException.ThrowIfNegative(endpoint.Port);
        kestrel.Listen(endpoint.Address, endpoint.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (endpoint.Certificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        });
        return kestrel;
    }
}
