using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary>One trade of the account, from <c>GET /api/v3/myTrades</c>: a fill of one of its orders with its commission.</summary>
/// <param name="Symbol">Symbol (<c>symbol</c>).</param>
/// <param name="Id">Trade id (<c>id</c>), the same as <c>t</c> in the order's execution report.</param>
/// <param name="OrderId">Order id (<c>orderId</c>).</param>
/// <param name="Price">Fill price (<c>price</c>).</param>
/// <param name="Quantity">Filled quantity (<c>qty</c>).</param>
/// <param name="QuoteQuantity">Filled quote quantity (<c>quoteQty</c>).</param>
/// <param name="Commission">Commission (<c>commission</c>).</param>
/// <param name="CommissionAsset">Commission asset (<c>commissionAsset</c>).</param>
/// <param name="Time">Trade time, ms (<c>time</c>).</param>
/// <param name="IsBuyer">Whether the account bought (<c>isBuyer</c>).</param>
/// <param name="IsMaker">Whether the account was the maker (<c>isMaker</c>).</param>
public sealed record BinanceAccountTrade(
    [property: JsonRequired] string Symbol,
    [property: JsonRequired] long Id,
    [property: JsonRequired] long OrderId,
    [property: JsonRequired] decimal Price,
    [property: JsonRequired, JsonPropertyName("qty")] decimal Quantity,
    [property: JsonPropertyName("quoteQty")] decimal QuoteQuantity,
    [property: JsonRequired] decimal Commission,
    [property: JsonRequired] string CommissionAsset,
    long Time,
    bool IsBuyer,
    bool IsMaker);
