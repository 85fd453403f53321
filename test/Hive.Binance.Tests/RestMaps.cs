using System.Text.Json;
using Hive.Binance.Rest;

namespace Hive.Binance.Tests;

/// <summary>JSON field name → model value maps of the REST payloads, for <see cref="FieldMap"/>.</summary>
internal static class RestMaps
{
    public static readonly Dictionary<string, Func<BinanceBalance, object?>> Balance = new()
    {
        ["asset"] = b => b.Asset,
        ["free"] = b => b.Free,
        ["locked"] = b => b.Locked,
    };

    public static readonly Dictionary<string, Func<BinanceCommissionRates, object?>> CommissionRates = new()
    {
        ["maker"] = c => c.Maker,
        ["taker"] = c => c.Taker,
        ["buyer"] = c => c.Buyer,
        ["seller"] = c => c.Seller,
    };

    public static readonly Dictionary<string, Func<BinanceAccount, object?>> Account = new()
    {
        ["makerCommission"] = a => a.MakerCommission,
        ["takerCommission"] = a => a.TakerCommission,
        ["buyerCommission"] = a => a.BuyerCommission,
        ["sellerCommission"] = a => a.SellerCommission,
        ["commissionRates"] = a => (Action<JsonElement>)(e => FieldMap.AssertObject(e, a.CommissionRates!, CommissionRates, "account.commissionRates")),
        ["canTrade"] = a => a.CanTrade,
        ["canWithdraw"] = a => a.CanWithdraw,
        ["canDeposit"] = a => a.CanDeposit,
        ["brokered"] = a => a.Brokered,
        ["requireSelfTradePrevention"] = a => a.RequireSelfTradePrevention,
        ["preventSor"] = a => a.PreventSor,
        ["updateTime"] = a => a.UpdateTime,
        ["accountType"] = a => a.AccountType,
        ["balances"] = a => (Action<JsonElement>)(e => FieldMap.AssertArray(e, a.Balances, Balance, "account.balances")),
        ["permissions"] = a => a.Permissions,
        ["uid"] = a => a.Uid,
    };

    public static readonly Dictionary<string, Func<BinanceMarketTrade, object?>> Trade = new()
    {
        ["id"] = t => t.Id,
        ["price"] = t => t.Price,
        ["qty"] = t => t.Quantity,
        ["quoteQty"] = t => t.QuoteQuantity,
        ["time"] = t => t.Time,
        ["isBuyerMaker"] = t => t.IsBuyerMaker,
        ["isBestMatch"] = t => t.IsBestMatch,
    };

    public static readonly Dictionary<string, Func<BinanceMarketAggTrade, object?>> AggTrade = new()
    {
        ["a"] = t => t.AggregateId,
        ["p"] = t => t.Price,
        ["q"] = t => t.Quantity,
        ["f"] = t => t.FirstTradeId,
        ["l"] = t => t.LastTradeId,
        ["T"] = t => t.Time,
        ["m"] = t => t.IsBuyerMaker,
        ["M"] = t => t.IsBestMatch,
    };

    public static readonly Dictionary<string, Func<BinanceAveragePrice, object?>> AveragePrice = new()
    {
        ["mins"] = p => p.Minutes,
        ["price"] = p => p.Price,
        ["closeTime"] = p => p.CloseTime,
    };

    public static readonly Dictionary<string, Func<BinanceTickerPrice, object?>> TickerPrice = new()
    {
        ["symbol"] = p => p.Symbol,
        ["price"] = p => p.Price,
    };

    public static readonly Dictionary<string, Func<BinanceBookTickerQuote, object?>> BookTicker = new()
    {
        ["symbol"] = b => b.Symbol,
        ["bidPrice"] = b => b.BidPrice,
        ["bidQty"] = b => b.BidQuantity,
        ["askPrice"] = b => b.AskPrice,
        ["askQty"] = b => b.AskQuantity,
    };
}
