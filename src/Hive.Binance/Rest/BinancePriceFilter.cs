namespace Hive.Binance.Rest;

/// <summary><c>PRICE_FILTER</c>: allowed price range and tick size (0 disables a bound).</summary>
/// <param name="MinPrice">Lowest price, 0 when unbounded.</param>
/// <param name="MaxPrice">Highest price, 0 when unbounded.</param>
/// <param name="TickSize">Price increment, 0 when any increment is allowed.</param>
public sealed record BinancePriceFilter(decimal MinPrice, decimal MaxPrice, decimal TickSize);
