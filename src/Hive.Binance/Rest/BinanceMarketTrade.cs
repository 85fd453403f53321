using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary>One row of <c>GET /api/v3/trades</c> or <c>GET /api/v3/historicalTrades</c>.</summary>
/// <param name="Id">Trade id (<c>id</c>).</param>
/// <param name="Price">Price (<c>price</c>).</param>
/// <param name="Quantity">Base quantity (<c>qty</c>).</param>
/// <param name="QuoteQuantity">Quote quantity (<c>quoteQty</c>).</param>
/// <param name="Time">Trade time, ms (<c>time</c>).</param>
/// <param name="IsBuyerMaker">Whether the buyer was the maker (<c>isBuyerMaker</c>).</param>
/// <param name="IsBestMatch">Whether it was the best price match (<c>isBestMatch</c>).</param>
public sealed record BinanceMarketTrade(
    [property: JsonRequired] long Id,
    [property: JsonRequired] decimal Price,
    [property: JsonRequired, JsonPropertyName("qty")] decimal Quantity,
    [property: JsonPropertyName("quoteQty")] decimal QuoteQuantity,
    [property: JsonRequired] long Time,
    bool IsBuyerMaker,
    bool IsBestMatch);
