using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary>One row of <c>GET /api/v3/aggTrades</c>.</summary>
/// <param name="AggregateId">Aggregate trade id (<c>a</c>).</param>
/// <param name="Price">Price (<c>p</c>).</param>
/// <param name="Quantity">Quantity (<c>q</c>).</param>
/// <param name="FirstTradeId">First trade id (<c>f</c>).</param>
/// <param name="LastTradeId">Last trade id (<c>l</c>).</param>
/// <param name="Time">Time, ms (<c>T</c>).</param>
/// <param name="IsBuyerMaker">Whether the buyer was the maker (<c>m</c>).</param>
/// <param name="IsBestMatch">Whether it was the best price match (<c>M</c>).</param>
public sealed record BinanceMarketAggTrade(
    [property: JsonRequired, JsonPropertyName("a")] long AggregateId,
    [property: JsonRequired, JsonPropertyName("p")] decimal Price,
    [property: JsonRequired, JsonPropertyName("q")] decimal Quantity,
    [property: JsonPropertyName("f")] long FirstTradeId,
    [property: JsonPropertyName("l")] long LastTradeId,
    [property: JsonRequired, JsonPropertyName("T")] long Time,
    [property: JsonPropertyName("m")] bool IsBuyerMaker,
    [property: JsonPropertyName("M")] bool IsBestMatch);
