namespace Hive.Binance.Rest;

/// <summary><c>MIN_NOTIONAL</c> or <c>NOTIONAL</c>: bounds on price × quantity.</summary>
/// <param name="MinNotional">Smallest notional.</param>
/// <param name="MaxNotional">Largest notional, <c>null</c> when unbounded.</param>
/// <param name="ApplyMinToMarket">Whether the minimum applies to market orders.</param>
/// <param name="ApplyMaxToMarket">Whether the maximum applies to market orders.</param>
public sealed record BinanceNotionalFilter(decimal MinNotional, decimal? MaxNotional, bool ApplyMinToMarket, bool ApplyMaxToMarket);
