using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary><c>GET /api/v3/ticker/price</c> for one symbol.</summary>
/// <param name="Symbol">Symbol (<c>symbol</c>).</param>
/// <param name="Price">Last price (<c>price</c>).</param>
public sealed record BinanceTickerPrice([property: JsonRequired] string Symbol, [property: JsonRequired] decimal Price);
