namespace Hive.Binance.Rest;

/// <summary><c>LOT_SIZE</c> or <c>MARKET_LOT_SIZE</c>: allowed quantity range and step size.</summary>
/// <param name="MinQuantity">Smallest quantity.</param>
/// <param name="MaxQuantity">Largest quantity, 0 when unbounded.</param>
/// <param name="StepSize">Quantity increment, 0 when any increment is allowed.</param>
public sealed record BinanceLotSizeFilter(decimal MinQuantity, decimal MaxQuantity, decimal StepSize);
