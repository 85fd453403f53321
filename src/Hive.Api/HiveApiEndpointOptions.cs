using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Hive.Api;

/// <summary>
/// Where the API listens (<see cref="HiveApiKestrelExtensions.ListenHiveApi"/>): an HTTP/2-only endpoint of its own,
/// cleartext (h2c) without a certificate, TLS with one. gRPC clients cannot negotiate HTTP/2 over cleartext on an
/// endpoint that also speaks HTTP/1.1, so the API never shares the dashboard's or the health endpoints' port.
/// </summary>
public sealed class HiveApiEndpointOptions
{
    /// <summary>The default port of the API.</summary>
    public const int DefaultPort = 7070;

    /// <summary>The address to listen on (default: loopback).</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 lets the system choose a free one.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The TLS certificate (with its private key); <c>null</c> serves cleartext HTTP/2.</summary>
    public X509Certificate2? Certificate { get; set; }
}
