namespace Hive.Binance.OrderBook;

/// <summary>A price and the quantity resting at it; a quantity of 0 in a diff removes the level.</summary>
/// <param name="Price">Price.</param>
/// <param name="Quantity">Quantity.</param>
public readonly record struct PriceLevel(double Price, double Quantity);
