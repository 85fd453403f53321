using Hive.Binance.Rest;
using Hive.Trading.Execution;

namespace Hive.Binance.Streams;

/// <summary>
/// A user data stream <c>executionReport</c> event: one change of one order (placed, filled, canceled, rejected,
/// expired). Prices and quantities are <see cref="decimal"/> as sent. Code fields (side, type, time in force,
/// execution type, status, reject reason, self-trade prevention mode) keep Binance's text; <see cref="Status"/> and
/// <see cref="OrderSide"/> map them to enums (an unknown status maps to <see cref="BinanceOrderStatus.Unknown"/>).
/// Optional fields absent from the message are <see langword="null"/>.
/// </summary>
/// <param name="EventTime">Event time, ms (<c>E</c>).</param>
/// <param name="Symbol">Symbol (<c>s</c>).</param>
/// <param name="ClientOrderId">Client order id (<c>c</c>).</param>
/// <param name="Side">BUY or SELL (<c>S</c>).</param>
/// <param name="OrderType">Order type, e.g. LIMIT, MARKET, STOP_LOSS_LIMIT (<c>o</c>).</param>
/// <param name="TimeInForce">GTC, IOC, FOK, GTD, GTX (<c>f</c>).</param>
/// <param name="Quantity">Order quantity (<c>q</c>).</param>
/// <param name="Price">Order price (<c>p</c>).</param>
/// <param name="StopPrice">Stop price (<c>P</c>).</param>
/// <param name="IcebergQuantity">Iceberg quantity (<c>F</c>).</param>
/// <param name="OrderListId">Order list id, -1 when none (<c>g</c>).</param>
/// <param name="OriginalClientOrderId">Client id of the order being canceled, empty otherwise (<c>C</c>).</param>
/// <param name="ExecutionType">NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED, TRADE_PREVENTION, CALCULATED (<c>x</c>).</param>
/// <param name="OrderStatus">Order status text (<c>X</c>); see <see cref="Status"/>.</param>
/// <param name="RejectReason">Reject reason, NONE when not rejected (<c>r</c>).</param>
/// <param name="OrderId">Order id (<c>i</c>).</param>
/// <param name="LastExecutedQuantity">Quantity of this fill (<c>l</c>).</param>
/// <param name="CumulativeFilledQuantity">Quantity filled so far (<c>z</c>).</param>
/// <param name="LastExecutedPrice">Price of this fill (<c>L</c>).</param>
/// <param name="Commission">Commission of this fill (<c>n</c>).</param>
/// <param name="CommissionAsset">Commission asset, null when no fill (<c>N</c>).</param>
/// <param name="TransactionTime">Transaction time, ms (<c>T</c>).</param>
/// <param name="TradeId">Trade id, -1 when no fill (<c>t</c>).</param>
/// <param name="ExecutionId">Execution id (<c>I</c>; documented as "ignore").</param>
/// <param name="IsOnBook">Whether the order is on the book (<c>w</c>).</param>
/// <param name="IsMaker">Whether this fill was the maker side (<c>m</c>).</param>
/// <param name="Ignore">The documented "ignore" flag (<c>M</c>).</param>
/// <param name="CreationTime">Order creation time, ms (<c>O</c>).</param>
/// <param name="CumulativeQuoteQuantity">Quote quantity filled so far (<c>Z</c>).</param>
/// <param name="LastQuoteQuantity">Quote quantity of this fill (<c>Y</c>).</param>
/// <param name="QuoteOrderQuantity">Quote order quantity (<c>Q</c>).</param>
/// <param name="WorkingTime">When the order started working on the book, ms (<c>W</c>), null when absent.</param>
/// <param name="SelfTradePreventionMode">Self-trade prevention mode (<c>V</c>), null when absent.</param>
/// <param name="PreventedMatchId">Prevented match id (<c>v</c>), null when absent.</param>
/// <param name="PreventedQuantity">Quantity prevented by self-trade prevention (<c>A</c>), null when absent.</param>
/// <param name="LastPreventedQuantity">Last prevented quantity (<c>B</c>), null when absent.</param>
/// <param name="CounterOrderId">Counter order id of a prevented match (<c>U</c>), null when absent.</param>
/// <param name="TradeGroupId">Trade group id (<c>u</c>), null when absent.</param>
/// <param name="TrailingTime">Trailing time, ms (<c>D</c>), null when absent.</param>
/// <param name="StrategyId">Strategy id (<c>j</c>), null when absent.</param>
/// <param name="StrategyType">Strategy type (<c>J</c>), null when absent.</param>
public sealed record BinanceExecutionReport(
    long EventTime,
    string Symbol,
    string ClientOrderId,
    string Side,
    string OrderType,
    string TimeInForce,
    decimal Quantity,
    decimal Price,
    decimal StopPrice,
    decimal IcebergQuantity,
    long OrderListId,
    string OriginalClientOrderId,
    string ExecutionType,
    string OrderStatus,
    string RejectReason,
    long OrderId,
    decimal LastExecutedQuantity,
    decimal CumulativeFilledQuantity,
    decimal LastExecutedPrice,
    decimal Commission,
    string? CommissionAsset,
    long TransactionTime,
    long TradeId,
    long ExecutionId,
    bool IsOnBook,
    bool IsMaker,
    bool Ignore,
    long CreationTime,
    decimal CumulativeQuoteQuantity,
    decimal LastQuoteQuantity,
    decimal QuoteOrderQuantity,
    long? WorkingTime = null,
    string? SelfTradePreventionMode = null,
    long? PreventedMatchId = null,
    decimal? PreventedQuantity = null,
    decimal? LastPreventedQuantity = null,
    long? CounterOrderId = null,
    long? TradeGroupId = null,
    long? TrailingTime = null,
    long? StrategyId = null,
    long? StrategyType = null)
{
    /// <summary><see cref="OrderStatus"/> as an enum.</summary>
    public BinanceOrderStatus Status => OrderStatus switch
    {
        "NEW" => BinanceOrderStatus.New,
        "PARTIALLY_FILLED" => BinanceOrderStatus.PartiallyFilled,
        "FILLED" => BinanceOrderStatus.Filled,
        "CANCELED" => BinanceOrderStatus.Canceled,
        "PENDING_CANCEL" => BinanceOrderStatus.PendingCancel,
        "REJECTED" => BinanceOrderStatus.Rejected,
        "EXPIRED" => BinanceOrderStatus.Expired,
        "EXPIRED_IN_MATCH" => BinanceOrderStatus.ExpiredInMatch,
        _ => BinanceOrderStatus.Unknown,
    };

    /// <summary><see cref="Side"/> as an enum (anything but SELL is a buy).</summary>
    public BinanceOrderSide OrderSide => Side == "SELL" ? BinanceOrderSide.Sell : BinanceOrderSide.Buy;

    /// <summary>Whether this event reports a fill: execution type TRADE with a positive last executed quantity.</summary>
    public bool IsFill => ExecutionType == "TRADE" && LastExecutedQuantity > 0;

    /// <summary>
    /// This fill as a trading-core <see cref="Fill"/> (quantity <c>l</c>, price <c>L</c>, time <c>T</c>). The fee is
    /// converted to the quote currency: a commission in the quote asset is kept, one in the base asset is multiplied by
    /// the fill price; a commission in a third asset (for example BNB) needs <paramref name="feeInQuote"/>.
    /// </summary>
    /// <param name="runnerId">The runner that owns the order.</param>
    /// <param name="feeInQuote">The fee in quote currency when the caller converted it; null to derive it.</param>
    /// <exception cref="InvalidOperationException">Not a fill, or a third-asset commission without <paramref name="feeInQuote"/>.</exception>
    public Fill ToFill(string runnerId, decimal? feeInQuote = null)
    {
        if (!IsFill)
        {
            throw new InvalidOperationException($"executionReport {ExecutionType}/{OrderStatus} of order {OrderId} is not a fill");
        }

        var fee = feeInQuote ?? (Commission == 0 || CommissionAsset is null ? 0m
            : Symbol.EndsWith(CommissionAsset, StringComparison.Ordinal) ? Commission
            : Symbol.StartsWith(CommissionAsset, StringComparison.Ordinal) ? Commission * LastExecutedPrice
            : throw new InvalidOperationException($"commission of order {OrderId} is in {CommissionAsset}, neither asset of {Symbol}: pass feeInQuote"));
        var side = Side == "SELL" ? Trading.Execution.OrderSide.Sell : Trading.Execution.OrderSide.Buy;
        return new Fill(ClientOrderId, runnerId, Symbol, side, LastExecutedQuantity, LastExecutedPrice, fee, TransactionTime);
    }
}
