using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hive.Binance.Rest;

/// <summary>
/// Parses REST payloads of the spot API (account, trade lists, prices, server time, ping). Unknown fields are
/// ignored; a malformed payload throws a <see cref="JsonException"/> naming the endpoint, the JSON path and the line.
/// </summary>
public static class BinanceRestPayloads
{
    /// <summary>Parses <c>GET /api/v3/account</c>.</summary>
    public static BinanceAccount ParseAccount(ReadOnlySpan<byte> json) => Parse(json, RestJsonContext.Default.BinanceAccount, "account");

    /// <summary>Parses <c>GET /api/v3/trades</c> or <c>GET /api/v3/historicalTrades</c>.</summary>
    public static IReadOnlyList<BinanceMarketTrade> ParseTrades(ReadOnlySpan<byte> json) =>
        Parse(json, RestJsonContext.Default.ListBinanceMarketTrade, "trades");

    /// <summary>Parses <c>GET /api/v3/aggTrades</c>.</summary>
    public static IReadOnlyList<BinanceMarketAggTrade> ParseAggTrades(ReadOnlySpan<byte> json) =>
        Parse(json, RestJsonContext.Default.ListBinanceMarketAggTrade, "aggTrades");

    /// <summary>Parses <c>GET /api/v3/avgPrice</c>.</summary>
    public static BinanceAveragePrice ParseAveragePrice(ReadOnlySpan<byte> json) =>
        Parse(json, RestJsonContext.Default.BinanceAveragePrice, "avgPrice");

    /// <summary>Parses <c>GET /api/v3/ticker/price</c> for one symbol.</summary>
    public static BinanceTickerPrice ParseTickerPrice(ReadOnlySpan<byte> json) =>
        Parse(json, RestJsonContext.Default.BinanceTickerPrice, "ticker/price");

    /// <summary>Parses <c>GET /api/v3/ticker/bookTicker</c> for one symbol.</summary>
    public static BinanceBookTickerQuote ParseBookTicker(ReadOnlySpan<byte> json) =>
        Parse(json, RestJsonContext.Default.BinanceBookTickerQuote, "ticker/bookTicker");

    /// <summary>Parses <c>GET /api/v3/time</c>: the server time, ms.</summary>
    public static long ParseServerTime(ReadOnlySpan<byte> json)
    {
        var dto = Parse(json, RestJsonContext.Default.ServerTimeDto, "time");
        return dto.ServerTime > 0 ? dto.ServerTime : throw new JsonException("time payload: 'serverTime' is missing or not positive");
    }

    /// <summary>Checks a <c>GET /api/v3/ping</c> answer: a JSON object (<c>{}</c>).</summary>
    public static void ParsePing(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"ping payload: expected an object, got {document.RootElement.ValueKind}");
            }
        }
        catch (JsonException ex) when (!ex.Message.StartsWith("ping payload", StringComparison.Ordinal))
        {
            throw new JsonException("ping payload: " + ex.Message, ex);
        }
    }

    private static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string endpoint)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"{endpoint} payload is null");
        }
        catch (JsonException ex)
        {
            throw new JsonException($"{endpoint} payload: {ex.Message}", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
    }
}
