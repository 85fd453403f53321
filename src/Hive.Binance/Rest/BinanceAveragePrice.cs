using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary><c>GET /api/v3/avgPrice</c>.</summary>
/// <param name="Minutes">Averaging window, minutes (<c>mins</c>).</param>
/// <param name="Price">Average price (<c>price</c>).</param>
/// <param name="CloseTime">Last trade time of the window, ms (<c>closeTime</c>), null when absent.</param>
public sealed record BinanceAveragePrice(
    [property: JsonRequired, JsonPropertyName("mins")] int Minutes,
    [property: JsonRequired] decimal Price,
    long? CloseTime);
