using System.Security.Cryptography;
using System.Text;

namespace Hive.Binance.Rest;

/// <summary>Signs request payloads as Binance's SIGNED endpoints require: HMAC-SHA256 with the secret, lowercase hex.</summary>
public static class BinanceSigner
{
    /// <summary>The signature of <paramref name="payload"/> (the query string, then the body) under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(payload);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload), hash);
        return Convert.ToHexStringLower(hash);
    }
}
