using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

// DTOs of one source-generated JSON context; the serializer creates them.

internal sealed class ExchangeInfoDto
{
    public long ServerTime { get; set; }

    public List<SymbolDto> Symbols { get; set; } = [];
}

internal sealed class SymbolDto
{
    public string Symbol { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string BaseAsset { get; set; } = string.Empty;

    public string QuoteAsset { get; set; } = string.Empty;

    public List<FilterDto> Filters { get; set; } = [];
}

internal sealed class FilterDto
{
    public string FilterType { get; set; } = string.Empty;

    public decimal? MinPrice { get; set; }

    public decimal? MaxPrice { get; set; }

    public decimal? TickSize { get; set; }

    public decimal? MinQty { get; set; }

    public decimal? MaxQty { get; set; }

    public decimal? StepSize { get; set; }

    public decimal? MinNotional { get; set; }

    public decimal? MaxNotional { get; set; }

    public decimal? Notional { get; set; }

    public bool? ApplyToMarket { get; set; }

    public bool? ApplyMinToMarket { get; set; }

    public bool? ApplyMaxToMarket { get; set; }
}

internal sealed class OrderDto
{
    public string Symbol { get; set; } = string.Empty;

    public long OrderId { get; set; }

    public string ClientOrderId { get; set; } = string.Empty;

    public long TransactTime { get; set; }

    public long Time { get; set; }

    public decimal Price { get; set; }

    public decimal OrigQty { get; set; }

    public decimal ExecutedQty { get; set; }

    public decimal CummulativeQuoteQty { get; set; }

    public string Status { get; set; } = string.Empty;

    public string? TimeInForce { get; set; }

    public string Type { get; set; } = string.Empty;

    public string Side { get; set; } = string.Empty;
}

internal sealed class ErrorDto
{
    public int Code { get; set; }

    public string? Msg { get; set; }
}

internal sealed class ListenKeyDto
{
    public string ListenKey { get; set; } = string.Empty;
}

internal sealed class ServerTimeDto
{
    public long ServerTime { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ExchangeInfoDto))]
[JsonSerializable(typeof(OrderDto))]
[JsonSerializable(typeof(List<OrderDto>))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(ServerTimeDto))]
[JsonSerializable(typeof(ListenKeyDto))]
[JsonSerializable(typeof(List<BinanceAccountTrade>))]
[JsonSerializable(typeof(BinanceAccount))]
[JsonSerializable(typeof(List<BinanceMarketTrade>))]
[JsonSerializable(typeof(List<BinanceMarketAggTrade>))]
[JsonSerializable(typeof(BinanceAveragePrice))]
[JsonSerializable(typeof(BinanceTickerPrice))]
[JsonSerializable(typeof(BinanceBookTickerQuote))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
