using System.Globalization;

namespace Hive.Binance.Testing;

/// <summary>A fill of an order on the <see cref="FakeBinanceServer"/>.</summary>
/// <param name="Symbol">Symbol.</param>
/// <param name="Id">Trade id.</param>
/// <param name="OrderId">Order id.</param>
/// <param name="Price">Fill price.</param>
/// <param name="Quantity">Filled quantity.</param>
/// <param name="QuoteQuantity">Filled quote quantity.</param>
/// <param name="Commission">Commission, in <paramref name="CommissionAsset"/>.</param>
/// <param name="CommissionAsset">The asset the commission was charged in (the one received).</param>
/// <param name="Time">Trade time, ms.</param>
/// <param name="IsBuyer">Whether the account bought.</param>
public sealed record FakeTrade(
    string Symbol, long Id, long OrderId, decimal Price, decimal Quantity, decimal QuoteQuantity, decimal Commission, string CommissionAsset, long Time, bool IsBuyer)
{
    /// <summary>The trade as an element of <c>/api/v3/myTrades</c>.</summary>
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"symbol\":\"{Symbol}\",\"id\":{Id},\"orderId\":{OrderId},\"orderListId\":-1,\"price\":\"{Price:F8}\",\"qty\":\"{Quantity:F8}\",\"quoteQty\":\"{QuoteQuantity:F8}\",\"commission\":\"{Commission:F8}\",\"commissionAsset\":\"{CommissionAsset}\",\"time\":{Time},\"isBuyer\":{(IsBuyer ? "true" : "false")},\"isMaker\":false,\"isBestMatch\":true}}");
}
