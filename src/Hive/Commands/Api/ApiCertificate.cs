using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hive.Commands.Api;

/// <summary>Loads the API's TLS certificate from <c>--api-certificate</c> (PFX, or PEM with <c>--api-certificate-key</c>).</summary>
internal static class ApiCertificate
{
    public static X509Certificate2? Load(string? certificate, string? key)
    {
        if (certificate is null)
        {
            return key is null ? null : throw new CliException("--api-certificate-key needs --api-certificate");
        }

        if (!File.Exists(certificate))
        {
            throw new CliException($"--api-certificate: file not found: {certificate}");
        }

        try
        {
            return key is not null || certificate.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || certificate.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(certificate, key)
                : X509CertificateLoader.LoadPkcs12FromFile(certificate, password: null);
        }
        catch (CryptographicException ex)
        {
            throw new CliException($"--api-certificate {certificate}: cannot load a certificate with its private key: {ex.Message}");
        }
    }
}
