using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary><c>GET /api/v3/ticker/bookTicker</c> for one symbol: best bid and ask.</summary>
/// <param name="Symbol">Symbol (<c>symbol</c>).</param>
/// <param name="BidPrice">Best bid price (<c>bidPrice</c>).</param>
/// <param name="BidQuantity">Best bid quantity (<c>bidQty</c>).</param>
/// <param name="AskPrice">Best ask price (<c>askPrice</c>).</param>
/// <param name="AskQuantity">Best ask quantity (<c>askQty</c>).</param>
public sealed record BinanceBookTickerQuote(
    [property: JsonRequired] string Symbol,
    [property: JsonRequired] decimal BidPrice,
    [property: JsonRequired, JsonPropertyName("bidQty")] decimal BidQuantity,
    [property: JsonRequired] decimal AskPrice,
    [property: JsonRequired, JsonPropertyName("askQty")] decimal AskQuantity);
