using Hive.Trading.Execution;

namespace Hive.Grains.Gateway;

/// <summary>One execution as the broker reported it.</summary>
/// <param name="Fill">The fill (quantity, price, fee in the quote asset), under the runner's client order ID.</param>
/// <param name="ExchangeOrderId">The exchange's order ID and client order ID, when an exchange executed it.</param>
/// <param name="TradeId">The exchange's trade ID, when an exchange executed it.</param>
/// <param name="Commission">The commission as the exchange charged it (<c>0.00002 BTC</c>), when an exchange executed it.</param>
public sealed record BrokerFill(Fill Fill, string? ExchangeOrderId = null, long? TradeId = null, string? Commission = null);
