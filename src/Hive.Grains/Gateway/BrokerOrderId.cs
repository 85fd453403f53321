using System.Globalization;

namespace Hive.Grains.Gateway;

/// <summary>
/// The client order ID a gateway sends to the broker: the runner's logical client order ID (<c>runnerId-sequence</c>,
/// the same for every activation that decides the same order) followed by the epoch of the DeploymentID that sent it,
/// <c>btc_ema-17.e4</c>. The logical part lets the broker and the ledger recognise a second attempt of one order
/// whichever activation or gateway sends it; the epoch lets the broker refuse an order from a deployment older than
/// one it has already seen for that runner, even when the gateway activation forwarding it has lost its lease.
/// Only letters, digits, <c>-</c>, <c>_</c> and <c>.</c> are used, which exchanges accept in client order IDs.
/// </summary>
public static class BrokerOrderId
{
    private const string Separator = ".e";

    /// <summary>The broker-facing ID of <paramref name="clientOrderId"/> sent under deployment epoch <paramref name="deploymentEpoch"/>.</summary>
    public static string Format(string clientOrderId, long deploymentEpoch)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(deploymentEpoch);
        return string.Create(CultureInfo.InvariantCulture, $"{clientOrderId}{Separator}{deploymentEpoch}");
    }

    /// <summary>
    /// Splits a broker-facing ID into its logical client order ID and deployment epoch; an ID without an epoch
    /// (sent by something other than a gateway) is all logical, with epoch 0.
    /// </summary>
    public static (string ClientOrderId, long DeploymentEpoch) Parse(string brokerOrderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(brokerOrderId);
        var at = brokerOrderId.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at > 0
            && long.TryParse(brokerOrderId.AsSpan(at + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && epoch > 0)
        {
            return (brokerOrderId[..at], epoch);
        }

        return (brokerOrderId, 0);
    }
}
