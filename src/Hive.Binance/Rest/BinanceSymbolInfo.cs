using System.Globalization;

namespace Hive.Binance.Rest;

/// <summary>A symbol of <c>/api/v3/exchangeInfo</c> with the filters that pre-trade risk checks need.</summary>
/// <param name="Symbol">Symbol, upper case.</param>
/// <param name="Status">Trading status, for example <c>TRADING</c>.</param>
/// <param name="BaseAsset">Base asset.</param>
/// <param name="QuoteAsset">Quote asset.</param>
/// <param name="PriceFilter">Price filter, when the symbol has one.</param>
/// <param name="LotSize">Lot size filter, when the symbol has one.</param>
/// <param name="MarketLotSize">Market lot size filter, when the symbol has one.</param>
/// <param name="Notional">Notional filter (<c>NOTIONAL</c>, else <c>MIN_NOTIONAL</c>), when the symbol has one.</param>
public sealed record BinanceSymbolInfo(
    string Symbol,
    string Status,
    string BaseAsset,
    string QuoteAsset,
    BinancePriceFilter? PriceFilter,
    BinanceLotSizeFilter? LotSize,
    BinanceLotSizeFilter? MarketLotSize,
    BinanceNotionalFilter? Notional)
{
    /// <summary>Whether the symbol currently trades.</summary>
    public bool IsTrading => Status == "TRADING";

    /// <summary>Rounds a price down to the tick size.</summary>
    public decimal RoundPrice(decimal price) =>
        PriceFilter is { TickSize: > 0 } f ? Math.Floor(price / f.TickSize) * f.TickSize : price;

    /// <summary>Rounds a quantity down to the step size.</summary>
    public decimal RoundQuantity(decimal quantity) =>
        LotSize is { StepSize: > 0 } f ? Math.Floor(quantity / f.StepSize) * f.StepSize : quantity;

    /// <summary>
    /// Checks an order against the filters as Binance would; returns <c>null</c> when it passes, else a message naming
    /// the filter and the numbers (<c>LOT_SIZE: quantity 0.000001 &lt; minQty 0.00001</c>). For a market order pass the
    /// expected fill price (for example the last or average price) as <paramref name="price"/>.
    /// </summary>
    public string? CheckOrder(decimal price, decimal quantity, bool isMarket)
    {
        if (!isMarket && PriceFilter is { } pf)
        {
            if (pf.MinPrice > 0 && price < pf.MinPrice)
            {
                return $"PRICE_FILTER: price {F(price)} < minPrice {F(pf.MinPrice)}";
            }

            if (pf.MaxPrice > 0 && price > pf.MaxPrice)
            {
                return $"PRICE_FILTER: price {F(price)} > maxPrice {F(pf.MaxPrice)}";
            }

            if (pf.TickSize > 0 && (price - pf.MinPrice) % pf.TickSize != 0)
            {
                return $"PRICE_FILTER: price {F(price)} is not a multiple of tickSize {F(pf.TickSize)}";
            }
        }

        var lot = isMarket && MarketLotSize is { StepSize: > 0 } m ? m : LotSize;
        if (lot is not null)
        {
            if (quantity < lot.MinQuantity)
            {
                return $"LOT_SIZE: quantity {F(quantity)} < minQty {F(lot.MinQuantity)}";
            }

            if (lot.MaxQuantity > 0 && quantity > lot.MaxQuantity)
            {
                return $"LOT_SIZE: quantity {F(quantity)} > maxQty {F(lot.MaxQuantity)}";
            }

            if (lot.StepSize > 0 && (quantity - lot.MinQuantity) % lot.StepSize != 0)
            {
                return $"LOT_SIZE: quantity {F(quantity)} is not a multiple of stepSize {F(lot.StepSize)}";
            }
        }

        if (Notional is { } n)
        {
            var notional = price * quantity;
            if ((!isMarket || n.ApplyMinToMarket) && notional < n.MinNotional)
            {
                return $"NOTIONAL: {F(notional)} < minNotional {F(n.MinNotional)}";
            }

            if (n.MaxNotional is { } max && (!isMarket || n.ApplyMaxToMarket) && notional > max)
            {
                return $"NOTIONAL: {F(notional)} > maxNotional {F(max)}";
            }
        }

        return null;
    }

    private static string F(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
