using Hive.Trading.Execution;
using Hive.Trading.Market;

namespace Hive.Grains.Tests.Gateway;

/// <summary>Orders and market data for gateway tests.</summary>
internal static class Orders
{
    public const string Symbol = "BTCUSDT";

    /// <summary>Bid 99, ask 101, close 100.</summary>
    public static MarketData Market { get; } = new(Symbol, 1_700_000_000_000, 100, 102, 98, 100, 10, 99, 101);

    public static OrderRequest MarketOrder(string runnerId, string clientOrderId, OrderSide side = OrderSide.Buy, decimal quantity = 1m) =>
        new(clientOrderId, runnerId, Symbol, side, quantity, OrderType.Market, null, false, Market.Timestamp, "strategy");
}
