using System.Text.Json.Serialization;

namespace Hive.Binance.Rest;

/// <summary>
/// <c>GET /api/v3/account</c>. Commissions are in basis points as sent; fields a given account or API version does
/// not send are <see langword="null"/>.
/// </summary>
/// <param name="MakerCommission">Maker commission, bps (<c>makerCommission</c>).</param>
/// <param name="TakerCommission">Taker commission, bps (<c>takerCommission</c>).</param>
/// <param name="BuyerCommission">Buyer commission, bps (<c>buyerCommission</c>).</param>
/// <param name="SellerCommission">Seller commission, bps (<c>sellerCommission</c>).</param>
/// <param name="CommissionRates">Commission rates as fractions (<c>commissionRates</c>).</param>
/// <param name="CanTrade">Whether the account may trade (<c>canTrade</c>).</param>
/// <param name="CanWithdraw">Whether it may withdraw (<c>canWithdraw</c>).</param>
/// <param name="CanDeposit">Whether it may deposit (<c>canDeposit</c>).</param>
/// <param name="Brokered">Whether it is brokered (<c>brokered</c>).</param>
/// <param name="RequireSelfTradePrevention">Whether self-trade prevention is required (<c>requireSelfTradePrevention</c>).</param>
/// <param name="PreventSor">Whether smart order routing is prevented (<c>preventSor</c>).</param>
/// <param name="UpdateTime">Last update, ms (<c>updateTime</c>).</param>
/// <param name="AccountType">Account type, e.g. SPOT (<c>accountType</c>).</param>
/// <param name="Balances">Balances (<c>balances</c>).</param>
/// <param name="Permissions">Permissions, e.g. SPOT (<c>permissions</c>).</param>
/// <param name="Uid">User id (<c>uid</c>).</param>
public sealed record BinanceAccount(
    decimal MakerCommission,
    decimal TakerCommission,
    decimal BuyerCommission,
    decimal SellerCommission,
    BinanceCommissionRates? CommissionRates,
    bool CanTrade,
    bool CanWithdraw,
    bool CanDeposit,
    bool? Brokered,
    bool? RequireSelfTradePrevention,
    bool? PreventSor,
    long UpdateTime,
    string AccountType,
    [property: JsonRequired] IReadOnlyList<BinanceBalance> Balances,
    IReadOnlyList<string>? Permissions,
    long? Uid);
