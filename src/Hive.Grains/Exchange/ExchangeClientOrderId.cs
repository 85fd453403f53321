using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hive.Grains.Gateway;

namespace Hive.Grains.Exchange;

/// <summary>
/// The client order ID an order carries to the exchange: <c>RUNNER-EPOCH-HASH</c>, the runner ID (characters Binance
/// does not allow become <c>_</c>, a long ID is cut), the epoch of the runner's deployment, and eight hex digits of a
/// hash of the runner's own client order ID. It is a function of the order, so asking again about the same order names
/// the same exchange order, and it fits Binance's rule <c>^[a-zA-Z0-9-_]{1,36}$</c>.
/// </summary>
public static class ExchangeClientOrderId
{
    /// <summary>Binance's longest client order ID.</summary>
    public const int MaxLength = 36;

    /// <summary>The exchange client order ID of <paramref name="clientOrderId"/> sent by <paramref name="deployment"/>.</summary>
    public static string Create(DeploymentId deployment, string clientOrderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deployment.RunnerId);
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(deployment.RunnerId + "\n" + clientOrderId), hash);
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{deployment.Epoch}-{Convert.ToHexStringLower(hash[..4])}");
        var room = MaxLength - suffix.Length;
        var runner = new StringBuilder(Math.Min(room, deployment.RunnerId.Length));
        foreach (var c in deployment.RunnerId)
        {
            if (runner.Length == room)
            {
                break;
            }

            runner.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return runner.Append(suffix).ToString();
    }

    /// <summary>Whether <paramref name="id"/> is a client order ID Binance accepts.</summary>
    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
