namespace Hive.Commands.Run;

/// <summary>Where and how <c>hive run</c> serves the gRPC API.</summary>
/// <param name="Port">The port; 0 lets the system choose a free one (the address is printed and written to the data directory).</param>
/// <param name="Token">The bearer token; <c>null</c> to generate one.</param>
/// <param name="Certificate">A TLS certificate (PFX, or PEM with <paramref name="CertificateKey"/>); <c>null</c> for cleartext HTTP/2.</param>
/// <param name="CertificateKey">The PEM private key of <paramref name="Certificate"/>.</param>
internal sealed record RunApiArguments(int Port, string? Token, string? Certificate, string? CertificateKey);
