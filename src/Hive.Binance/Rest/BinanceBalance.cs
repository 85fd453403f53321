using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary>One asset balance of <c>GET /api/v3/account</c>.</summary>
/// <param name="Asset">Asset (<c>asset</c>).</param>
/// <param name="Free">Available amount (<c>free</c>).</param>
/// <param name="Locked">Amount locked in open orders (<c>locked</c>).</param>
public sealed record BinanceBalance(
    [property: JsonRequired] string Asset,
    [property: JsonRequired] decimal Free,
    [property: JsonRequired] decimal Locked);
