namespace Hive.Grains.Gateway;

/// <summary>What the paper broker has seen of one account.</summary>
/// <param name="OrdersReceived">Orders received, duplicates and refusals included.</param>
/// <param name="OrdersFilled">Distinct orders filled.</param>
/// <param name="DuplicatesReceived">Orders whose client order ID it had already received (each answered with the first answer).</param>
/// <param name="StaleEpochRefused">Orders refused because their gateway epoch was older than <paramref name="HighestGatewayEpoch"/>.</param>
/// <param name="HighestGatewayEpoch">The highest gateway epoch seen (0: none).</param>
public sealed record PaperBrokerAccountStats(
    long OrdersReceived,
    long OrdersFilled,
    long DuplicatesReceived,
    long StaleEpochRefused,
    long HighestGatewayEpoch);
