using Hive.Binance.OrderBook;

namespace Hive.Binance.Rest;

/// <summary>A <c>/api/v3/depth</c> snapshot.</summary>
/// <param name="LastUpdateId">Update id the snapshot reflects.</param>
/// <param name="Bids">Bids, best first.</param>
/// <param name="Asks">Asks, best first.</param>
public sealed record BinanceOrderBookSnapshot(long LastUpdateId, PriceLevel[] Bids, PriceLevel[] Asks);
