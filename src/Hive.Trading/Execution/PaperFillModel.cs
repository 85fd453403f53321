using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Trading.Execution;

/// <summary>
/// The one fill convention of Hive's paper broker, the same in backtests and live paper trading (DESIGN §2).
/// <list type="bullet">
/// <item><description><b>Market orders</b> fill at the touch: the ask for buys, the bid for sells. When replaying
/// candles without quotes the touch is the bar's close, so a decision taken on a bar fills at that bar's close.
/// Slippage (<see cref="SlippageBps"/>) then moves the price against the order: buys pay
/// <c>price × (1 + bps/10 000)</c>, sells receive <c>price × (1 − bps/10 000)</c>.</description></item>
/// <item><description><b>Stop-loss and take-profit inside a bar</b> trigger on the bar's high/low: a long's stop when
/// <c>low ≤ stop</c>, its take-profit when <c>high ≥ take</c> (mirrored for shorts). They fill at the trigger price, or
/// at the bar's open when the bar opened beyond it (a gap). When one bar reaches both, the stop is assumed to have
/// been hit first. A stop is a market order once triggered and pays slippage; a take-profit is a limit order and
/// fills at its price (or the better open) with no slippage.</description></item>
/// <item><description><b>On quotes</b> a long's stop triggers when <c>bid ≤ stop</c> and its take-profit when
/// <c>bid ≥ take</c> (shorts use the ask); the exit fills at the touch.</description></item>
/// <item><description><b>Fees</b>: <see cref="FeeRate"/> of the notional (<c>price × quantity</c>) on every fill,
/// entry and exit; the default 0.001 is Binance's spot taker fee (0.1 % per side).</description></item>
/// </list>
/// </summary>
public sealed class PaperFillModel
{
    /// <summary>Binance spot taker fee, 0.1 % per side.</summary>
    public const decimal DefaultFeeRate = 0.001m;

    /// <summary>Creates the model.</summary>
    /// <param name="feeRate">Fee as a fraction of notional per fill (0.001 = 0.1 % = 10 bps).</param>
    /// <param name="slippageBps">Adverse slippage on market and stop fills, in basis points.</param>
    public PaperFillModel(decimal feeRate = DefaultFeeRate, decimal slippageBps = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feeRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feeRate, 1m);
        ArgumentOutOfRangeException.ThrowIfNegative(slippageBps);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slippageBps, 10_000m);
        FeeRate = feeRate;
        SlippageBps = slippageBps;
    }

    /// <summary>The default model: 0.1 % fee per side, no slippage.</summary>
    public static PaperFillModel Default { get; } = new();

    /// <summary>Fee as a fraction of notional per fill.</summary>
    public decimal FeeRate { get; }

    /// <summary>Adverse slippage in basis points on market and stop fills.</summary>
    public decimal SlippageBps { get; }

    /// <summary>The fill price of <paramref name="order"/> given the market as last seen.</summary>
    public decimal FillPrice(in OrderRequest order, in MarketData market)
    {
        switch (order.Type)
        {
            case OrderType.Limit:
                return order.Price ?? throw new ArgumentException($"Limit order {order.ClientOrderId} has no price.", nameof(order));
            case OrderType.Stop:
                var trigger = order.Price ?? throw new ArgumentException($"Stop order {order.ClientOrderId} has no price.", nameof(order));
                return Slip(trigger, order.Side);
            default:
                var touch = order.Side == OrderSide.Buy ? market.Ask : market.Bid;
                return Slip(ToDecimal(touch), order.Side);
        }
    }

    /// <summary>The fee for a fill of <paramref name="quantity"/> at <paramref name="price"/>.</summary>
    public decimal Fee(decimal quantity, decimal price) => Math.Abs(quantity * price) * FeeRate;

    /// <summary>Fills <paramref name="order"/> against <paramref name="market"/>.</summary>
    public Fill Execute(in OrderRequest order, in MarketData market)
    {
        var price = FillPrice(order, market);
        return new Fill(order.ClientOrderId, order.RunnerId, order.Symbol, order.Side, order.Quantity, price,
            Fee(order.Quantity, price), order.Timestamp);
    }

    /// <summary>
    /// Whether <paramref name="bar"/> triggers the stop-loss or take-profit of a position on <paramref name="side"/>,
    /// and at which price (before slippage). Stop first when the bar reaches both.
    /// </summary>
    public static ExitTrigger EvaluateBar(PositionSide side, double? stopLoss, double? takeProfit, in Candle bar)
    {
        if (side == PositionSide.Long)
        {
            if (stopLoss is { } stop && bar.Low <= stop)
            {
                return bar.Open <= stop ? new(ExitTriggerKind.StopLoss, bar.Open, true) : new(ExitTriggerKind.StopLoss, stop, false);
            }

            if (takeProfit is { } take && bar.High >= take)
            {
                return bar.Open >= take ? new(ExitTriggerKind.TakeProfit, bar.Open, true) : new(ExitTriggerKind.TakeProfit, take, false);
            }
        }
        else if (side == PositionSide.Short)
        {
            if (stopLoss is { } stop && bar.High >= stop)
            {
                return bar.Open >= stop ? new(ExitTriggerKind.StopLoss, bar.Open, true) : new(ExitTriggerKind.StopLoss, stop, false);
            }

            if (takeProfit is { } take && bar.Low <= take)
            {
                return bar.Open <= take ? new(ExitTriggerKind.TakeProfit, bar.Open, true) : new(ExitTriggerKind.TakeProfit, take, false);
            }
        }

        return default;
    }

    /// <summary>
    /// Whether a quote triggers the stop-loss or take-profit of a position on <paramref name="side"/>: a long exits by
    /// selling at the bid, a short by buying at the ask. The returned price is that touch.
    /// </summary>
    public static ExitTrigger EvaluateQuote(PositionSide side, double? stopLoss, double? takeProfit, in Quote quote)
    {
        if (side == PositionSide.Long)
        {
            var bid = quote.BidPrice;
            if (stopLoss is { } stop && bid <= stop)
            {
                return new(ExitTriggerKind.StopLoss, bid, bid < stop);
            }

            if (takeProfit is { } take && bid >= take)
            {
                return new(ExitTriggerKind.TakeProfit, bid, bid > take);
            }
        }
        else if (side == PositionSide.Short)
        {
            var ask = quote.AskPrice;
            if (stopLoss is { } stop && ask >= stop)
            {
                return new(ExitTriggerKind.StopLoss, ask, ask > stop);
            }

            if (takeProfit is { } take && ask <= take)
            {
                return new(ExitTriggerKind.TakeProfit, ask, ask < take);
            }
        }

        return default;
    }

    /// <summary>Converts a market price to <see cref="decimal"/>; non-finite or out-of-range prices are an error.</summary>
    public static decimal ToDecimal(double price) =>
        double.IsFinite(price) && Math.Abs(price) < 7.9e27
            ? (decimal)price
            : throw new ArgumentOutOfRangeException(nameof(price), price, "Price is not a finite decimal-representable number.");

    private decimal Slip(decimal price, OrderSide side)
    {
        if (SlippageBps == 0)
        {
            return price;
        }

        var factor = SlippageBps / 10_000m;
        return side == OrderSide.Buy ? price * (1 + factor) : price * (1 - factor);
    }
}
