namespace Hive.Binance.Rest;

/// <summary>The <c>commissionRates</c> object of <c>GET /api/v3/account</c> (fractions, e.g. 0.001 = 0.1 %).</summary>
/// <param name="Maker">Maker rate (<c>maker</c>).</param>
/// <param name="Taker">Taker rate (<c>taker</c>).</param>
/// <param name="Buyer">Buyer rate (<c>buyer</c>).</param>
/// <param name="Seller">Seller rate (<c>seller</c>).</param>
public sealed record BinanceCommissionRates(decimal Maker, decimal Taker, decimal Buyer, decimal Seller);
