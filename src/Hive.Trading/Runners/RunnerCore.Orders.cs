using System.Globalization;
using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Portfolio;
using Hive.Trading.Risk;
using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

public sealed partial class RunnerCore
{
    private PendingOrder? _pending;

    /// <summary>
    /// Books the fill of a pending order (one a router answered <see cref="OrderStatus.Pending"/> for): an entry moves
    /// the runner to InPosition, an exit to Idle.
    /// </summary>
    public RunnerEvents OnFill(in Fill fill)
    {
        if (_pending is not { } pending || !string.Equals(pending.Order.ClientOrderId, fill.ClientOrderId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Runner '{RunnerId}' has no pending order '{fill.ClientOrderId}'.");
        }

        _pending = null;
        _lastTimestamp = Math.Max(_lastTimestamp, fill.Timestamp);
        var events = Book(fill, pending.Order.Reason, pending.Signal, pending.Detail, pending.StopLoss, pending.TakeProfit);
        MarkToMarket((double)fill.Price);
        return events | ContinueSteps();
    }

    /// <summary>A pending order was refused downstream: an entry returns the runner to Idle, an exit leaves the position open.</summary>
    public RunnerEvents OnOrderRejected(string clientOrderId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientOrderId);
        if (_pending is not { } pending || !string.Equals(pending.Order.ClientOrderId, clientOrderId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Runner '{RunnerId}' has no pending order '{clientOrderId}'.");
        }

        _pending = null;
        return Rejected(pending.Order, reason) | ContinueSteps();
    }

    /// <summary>
    /// Closes the open position at market (the last candle's close, or the touch): the backtester's
    /// <c>end_of_data</c>, an operator's flatten. With <paramref name="bypassRisk"/> the order skips pre-trade risk (a
    /// backtest's final accounting, not a real order). Returns <see cref="RunnerEvents.None"/> when flat.
    /// </summary>
    public RunnerEvents ClosePosition(string reason, bool bypassRisk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Portfolio.Quantity == 0 || _pending is not null)
        {
            return RunnerEvents.None;
        }

        var market = new MarketData(Symbol, _lastTimestamp, _lastPrice, _lastPrice, _lastPrice, _lastPrice, 0,
            _hasQuote ? _bid : _lastPrice, _hasQuote ? _ask : _lastPrice);
        var events = Exit(market, OrderType.Market, null, reason, reason, null, bypassRisk);
        MarkToMarket(_lastPrice);
        return events;
    }

    // The steps of the candle that the resolved order held back run now, as they would have with an immediate fill.
    private RunnerEvents ContinueSteps()
    {
        if (_stepCount == 0)
        {
            return RunnerEvents.None;
        }

        var events = RunSteps();
        MarkToMarket(_lastPrice);
        return events;
    }

    private RunnerEvents Enter(in StrategyAction action, in MarketData market)
    {
        var side = action.Kind == StrategyActionKind.EnterLong ? OrderSide.Buy : OrderSide.Sell;
        var signal = side == OrderSide.Buy ? "enter_long" : "enter_short";
        var touch = side == OrderSide.Buy ? market.Ask : market.Bid;
        if (!double.IsFinite(touch) || touch <= 0 || touch >= MaxAmount)
        {
            return Deny(RiskDecision.Deny(RiskReason.InvalidPrice, $"no usable price to size {signal} (touch {touch})", RunnerId));
        }

        var reference = (decimal)touch;
        var costRate = 1m + Config.FeeRate;
        var quantity = action.Quantity is { } q
            ? (decimal)q
            : Config.DefaultQuantity ?? Portfolio.Equity(reference) * Config.AllocationFraction / (reference * costRate);
        quantity = Math.Round(quantity, Config.QuantityDecimals, MidpointRounding.ToZero);

        // Buying power: the entry's notional and fee must fit in the runner's equity less what its open position holds.
        var available = Portfolio.Equity(reference) - (Math.Abs(Portfolio.Quantity) * reference);
        decimal cost;
        try
        {
            cost = quantity * reference * costRate;
        }
        catch (OverflowException)
        {
            cost = decimal.MaxValue;
        }

        if (quantity > 0 && cost > available)
        {
            return Deny(RiskDecision.Deny(RiskReason.InsufficientBuyingPower, string.Create(CultureInfo.InvariantCulture,
                $"{signal} {quantity} @ {reference} costs {cost:0.########} with fees > buying power {available:0.########}"), RunnerId));
        }

        var order = NewOrder(side, quantity, OrderType.Market, null, reduceOnly: false, "strategy");
        return Send(order, market, reference, signal, action.Reason, action.StopLoss, action.TakeProfit, bypassRisk: false);
    }

    private RunnerEvents Deny(in RiskDecision decision)
    {
        RiskDenials++;
        AddSignal("risk_denied", decision.Message);
        if (_machine.State == RunnerState.Analyzing)
        {
            _machine.Transition(RunnerState.Idle, _lastTimestamp, "risk_denied", decision.Message);
            return RunnerEvents.RiskDenied | RunnerEvents.Transition;
        }

        return RunnerEvents.RiskDenied;
    }

    private RunnerEvents Exit(in MarketData market, OrderType type, decimal? price, string reason, string signal, string? detail, bool bypassRisk = false)
    {
        var position = Portfolio.Quantity;
        if (position == 0)
        {
            return RunnerEvents.None;
        }

        var side = position > 0 ? OrderSide.Sell : OrderSide.Buy;
        var order = NewOrder(side, Math.Abs(position), type, price, reduceOnly: true, reason);
        var reference = price ?? PaperFillModel.ToDecimal(side == OrderSide.Buy ? market.Ask : market.Bid);
        return Send(order, market, reference, signal, detail, null, null, bypassRisk);
    }

    private OrderRequest NewOrder(OrderSide side, decimal quantity, OrderType type, decimal? price, bool reduceOnly, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{RunnerId}-{++_orderSequence}"), RunnerId, Symbol, side, quantity, type, price,
            reduceOnly, _lastTimestamp, reason);

    private RunnerEvents Send(in OrderRequest order, in MarketData market, decimal reference, string signal, string? detail,
        double? stopLoss, double? takeProfit, bool bypassRisk)
    {
        if (!bypassRisk)
        {
            var decision = Risk.Evaluate(order, Portfolio.Quantity, reference);
            if (!decision.IsAccepted)
            {
                if (!order.ReduceOnly)
                {
                    return Deny(decision);
                }

                RiskDenials++;
                AddSignal("risk_denied", decision.Message);
                return RunnerEvents.RiskDenied;
            }
        }

        var outcome = _router.Submit(order, market);
        switch (outcome.Status)
        {
            case OrderStatus.Filled:
                return RunnerEvents.OrderSent | Book(outcome.Fill, order.Reason, signal, detail, stopLoss, takeProfit);
            case OrderStatus.Pending:
                _pending = new PendingOrder(order, signal, detail, stopLoss, takeProfit);
                return RunnerEvents.OrderSent;
            default:
                return RunnerEvents.OrderSent | Rejected(order, outcome.RejectReason ?? "rejected");
        }
    }

    private RunnerEvents Rejected(in OrderRequest order, string reason)
    {
        AddSignal("order_rejected", reason);
        if (!order.ReduceOnly && _machine.State == RunnerState.Analyzing)
        {
            _machine.Transition(RunnerState.Idle, _lastTimestamp, "order_rejected", reason);
            return RunnerEvents.OrderRejected | RunnerEvents.Transition;
        }

        return RunnerEvents.OrderRejected;
    }

    private RunnerEvents Book(in Fill fill, string reason, string signal, string? detail, double? stopLoss, double? takeProfit)
    {
        var wasFlat = Portfolio.Quantity == 0;
        Portfolio.Apply(fill, reason);
        Risk.Account?.UpdatePosition(RunnerId, Symbol, Portfolio.Quantity, fill.Price);
        _signedQuantity = (double)Portfolio.Quantity;
        _entryPrice = (double)Portfolio.AverageEntryPrice;
        _openFees = (double)Portfolio.OpenEntryFees;
        UpdateEquityBase();
        _equityDirty = true;
        _lastEquity = Portfolio.Equity(fill.Price);
        AddSignal(signal, detail, (double)fill.Price);

        var events = RunnerEvents.Filled;
        if (Portfolio.Quantity == 0)
        {
            _stopLoss = null;
            _takeProfit = null;
            Context.Position = null;
            if (_machine.State == RunnerState.InPosition)
            {
                _machine.Transition(RunnerState.Idle, fill.Timestamp, reason, detail);
                events |= RunnerEvents.Transition;
            }
        }
        else
        {
            if (wasFlat)
            {
                _stopLoss = stopLoss;
                _takeProfit = takeProfit;
            }

            UpdatePositionView((double)fill.Price);
            if (_machine.State == RunnerState.Analyzing)
            {
                _machine.Transition(RunnerState.InPosition, fill.Timestamp, signal, detail);
                events |= RunnerEvents.Transition;
            }
        }

        return events;
    }

    private sealed record PendingOrder(OrderRequest Order, string Signal, string? Detail, double? StopLoss, double? TakeProfit);
}
