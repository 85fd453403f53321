using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

public sealed partial class RunnerCore
{
    /// <summary>
    /// Processes one candle of the runner's symbol. A bar still forming (<see cref="Candle.IsClosed"/> false) only
    /// updates the last price. A closed candle is checked against the open position's stop-loss / take-profit, then
    /// the strategy's bar (the candle itself, or with a <see cref="RunnerConfig.Timeframe"/> the aggregated bar this
    /// candle closes) advances the window and indicators and the strategy step of the current state runs; last, the
    /// position is marked to market. Allocates nothing when the strategy returns no action.
    /// </summary>
    /// <remarks>
    /// The steps of a candle run in that order whatever the router: when an order is pending (a router answered
    /// <see cref="OrderStatus.Pending"/>, as the platform's gateway does), the remaining steps wait for its
    /// <see cref="OnFill"/> or <see cref="OnOrderRejected"/> and run there. So after a stop-loss exit the strategy's
    /// <c>detect_opportunity</c> sees the same bar in a backtest (immediate fills) and in a live runner (fills delivered
    /// after the update).
    /// </remarks>
    public RunnerEvents OnCandle(in Candle candle)
    {
        EnsureSymbol(candle.Symbol);
        if (!candle.IsClosed)
        {
            _lastPrice = candle.Close;
            _lastTimestamp = candle.CloseTime;
            return RunnerEvents.None;
        }

        _lastPrice = candle.Close;
        _lastTimestamp = candle.CloseTime;
        BarsProcessed++;
        if (_aggregator is null && _stepCount == 0 && _pending is null)
        {
            // The common case (no timeframe, nothing held back): the two steps run straight from the caller's candle
            // instead of through the step queue, in the same order and with the same stop when an order is pending.
            var direct = Protect(candle);
            if (_pending is null)
            {
                direct |= Decide(candle);
            }
            else
            {
                QueueStep(StepKind.Bar, candle);
            }

            MarkToMarket(candle.Close);
            return direct;
        }

        // Steps left by an order that was never resolved: the window still advances, decisions on stale bars do not.
        FlushSteps();
        if (_aggregator is null)
        {
            QueueStep(StepKind.Protect, candle);
            QueueStep(StepKind.Bar, candle);
        }
        else
        {
            _aggregator.Add(candle, out var hasEarlier, out var earlier, out var hasCompleted, out var completed);
            if (hasEarlier)
            {
                QueueStep(StepKind.Bar, earlier);
            }

            QueueStep(StepKind.Protect, candle);
            if (hasCompleted)
            {
                QueueStep(StepKind.Bar, completed);
            }
        }

        var events = RunSteps();
        MarkToMarket(candle.Close);
        return events;
    }

    private void QueueStep(StepKind kind, in Candle candle)
    {
        var slot = _stepHead + _stepCount;
        if (slot >= _steps.Length)
        {
            slot -= _steps.Length;
        }

        _steps[slot] = new Step(kind, candle);
        _stepCount++;
    }

    /// <summary>Runs the queued steps of the current candle until one leaves an order pending.</summary>
    private RunnerEvents RunSteps()
    {
        var events = RunnerEvents.None;
        while (_stepCount > 0 && _pending is null)
        {
            var step = _steps[_stepHead];
            _stepHead = _stepHead + 1 == _steps.Length ? 0 : _stepHead + 1;
            _stepCount--;
            events |= step.Kind == StepKind.Protect ? Protect(step.Candle) : Decide(step.Candle);
        }

        return events;
    }

    /// <summary>Drops the decisions of steps an unresolved order held back; their bars still enter the window.</summary>
    private void FlushSteps()
    {
        while (_stepCount > 0)
        {
            var step = _steps[_stepHead];
            _stepHead = _stepHead + 1 == _steps.Length ? 0 : _stepHead + 1;
            _stepCount--;
            if (step.Kind == StepKind.Bar)
            {
                _window.Add(step.Candle);
                _indicators.Update(step.Candle);
            }
        }
    }

    private MarketData MarketOf(in Candle candle) => _hasQuote
        ? new MarketData(candle.Symbol, candle.CloseTime, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume, _bid, _ask, _bidQuantity, _askQuantity)
        : MarketData.FromCandle(candle);

    private RunnerEvents Protect(in Candle candle)
    {
        if (_machine.State != RunnerState.InPosition || (!_stopLoss.HasValue && !_takeProfit.HasValue))
        {
            return RunnerEvents.None;
        }

        var trigger = PaperFillModel.EvaluateBar(Portfolio.Side, _stopLoss, _takeProfit, candle);
        return trigger.IsTriggered ? ProtectiveExit(trigger, MarketOf(candle), OrderTypeOf(trigger)) : RunnerEvents.None;
    }

    private RunnerEvents Decide(in Candle bar)
    {
        _window.Add(bar);
        _indicators.Update(bar);
        if (_machine.State == RunnerState.Stopped)
        {
            return RunnerEvents.None;
        }

        UpdatePositionView(bar.Close);
        return RunStrategy(MarketOf(bar));
    }

    /// <summary>
    /// Processes a best bid/ask of the runner's symbol: market orders then fill at this touch, and an open position's
    /// stop-loss / take-profit are checked against it (a long exits at the bid, a short at the ask). Strategies do not run.
    /// </summary>
    public RunnerEvents OnQuote(in Quote quote)
    {
        EnsureSymbol(quote.Symbol);
        _bid = quote.BidPrice;
        _ask = quote.AskPrice;
        _bidQuantity = quote.BidQuantity;
        _askQuantity = quote.AskQuantity;
        _hasQuote = true;
        _lastPrice = quote.MidPrice;
        _lastTimestamp = quote.Timestamp;

        if (_machine.State != RunnerState.InPosition || _pending is not null || (!_stopLoss.HasValue && !_takeProfit.HasValue))
        {
            return RunnerEvents.None;
        }

        var trigger = PaperFillModel.EvaluateQuote(Portfolio.Side, _stopLoss, _takeProfit, quote);
        if (!trigger.IsTriggered)
        {
            return RunnerEvents.None;
        }

        var market = new MarketData(quote.Symbol, quote.Timestamp, _lastPrice, _lastPrice, _lastPrice, _lastPrice, 0,
            quote.BidPrice, quote.AskPrice, quote.BidQuantity, quote.AskQuantity);
        var events = ProtectiveExit(trigger, market, OrderType.Market);
        MarkToMarket(_lastPrice);
        return events;
    }

    /// <summary>Dispatches a market event of the runner's symbol to <see cref="OnCandle"/> or <see cref="OnQuote"/>; trades update the last price; gaps are recorded.</summary>
    public RunnerEvents OnMarketEvent(in MarketEvent marketEvent)
    {
        switch (marketEvent.Kind)
        {
            case MarketEventKind.Candle:
                return OnCandle(marketEvent.Candle);
            case MarketEventKind.Quote:
                return OnQuote(marketEvent.Quote);
            case MarketEventKind.Trade:
                EnsureSymbol(marketEvent.Symbol);
                _lastPrice = marketEvent.Trade.Price;
                _lastTimestamp = marketEvent.Timestamp;
                return RunnerEvents.None;
            default:
                EnsureSymbol(marketEvent.Symbol);
                _lastTimestamp = marketEvent.Timestamp;
                AddSignal("gap", marketEvent.GapReason);
                return RunnerEvents.Gap;
        }
    }

    private static OrderType OrderTypeOf(in ExitTrigger trigger) =>
        trigger.Kind == ExitTriggerKind.StopLoss ? OrderType.Stop : OrderType.Limit;

    private void EnsureSymbol(string symbol)
    {
        if (!ReferenceEquals(symbol, Config.Symbol) && !string.Equals(symbol, Config.Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Runner '{Config.RunnerId}' trades {Config.Symbol} and cannot process {symbol} data.");
        }
    }

    private RunnerEvents RunStrategy(in MarketData market)
    {
        var state = _machine.State;
        StrategyAction action;
        try
        {
            action = state switch
            {
                RunnerState.Idle => _strategy.DetectOpportunity(market, Context, _indicators),
                RunnerState.Analyzing => _strategy.FilterCommitment(market, Context, _indicators),
                RunnerState.InPosition => _strategy.ManagePosition(market, Context, _indicators),
                _ => StrategyAction.None,
            };

            if (action.IsNone)
            {
                return RunnerEvents.None;
            }

            _machine.ValidateAction(action.Kind, _strategy.Name);
            ValidateFields(action, market);
        }
        catch (Exception ex)
        {
            return OnStrategyError(ex, state);
        }

        try
        {
            return Apply(action, market);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // Numbers a strategy chose (a quantity of 1e300) that pass the field checks but overflow the decimal money
            // math are the strategy's error, not the runner's.
            return OnStrategyError(
                new StrategyException(_strategy.Name, RunnerStateMachine.StepOf(state), $"{RunnerStateMachine.ActionName(action.Kind)}: {ex.Message}", ex),
                state);
        }
    }

    private void ValidateFields(in StrategyAction action, in MarketData market)
    {
        var kind = action.Kind;
        switch (action.Kind)
        {
            case StrategyActionKind.EnterLong or StrategyActionKind.EnterShort:
                var isLong = action.Kind == StrategyActionKind.EnterLong;
                if (action.Quantity is { } quantity && (!double.IsFinite(quantity) || quantity <= 0 || quantity >= MaxAmount))
                {
                    throw Invalid($"quantity must be positive and below {MaxAmount:0e0}, got {quantity}");
                }

                if (action.StopLoss is { } stop && (!double.IsFinite(stop) || stop <= 0 || stop >= MaxAmount || (isLong ? stop >= market.Close : stop <= market.Close)))
                {
                    throw Invalid($"stop_loss {stop} must be {(isLong ? "below" : "above")} the price {market.Close}");
                }

                if (action.TakeProfit is { } take && (!double.IsFinite(take) || take <= 0 || take >= MaxAmount || (isLong ? take <= market.Close : take >= market.Close)))
                {
                    throw Invalid($"take_profit {take} must be {(isLong ? "above" : "below")} the price {market.Close}");
                }

                break;
            case StrategyActionKind.UpdateStopLoss or StrategyActionKind.UpdateTakeProfit:
                if (action.Price is not { } price || !double.IsFinite(price) || price <= 0 || price >= MaxAmount)
                {
                    throw Invalid($"{RunnerStateMachine.ActionName(action.Kind)} needs a positive price below {MaxAmount:0e0}, got {action.Price?.ToString() ?? "none"}");
                }

                break;
        }

        StrategyException Invalid(string message) =>
            new(_strategy.Name, RunnerStateMachine.StepOf(_machine.State), $"{RunnerStateMachine.ActionName(kind)}: {message}");
    }

    private RunnerEvents OnStrategyError(Exception ex, RunnerState state)
    {
        var error = ex as StrategyException
            ?? new StrategyException(_strategy.Name, RunnerStateMachine.StepOf(state), $"{ex.GetType().Name}: {ex.Message}", ex);
        RecordError(error.Message);
        AddSignal("error", error.Message);
        if (error.IsLimitExceeded)
        {
            // A sandbox limit stops the runner whatever its policy: skipping the bar would hit the limit again on the next.
            StoppedReason = $"{LimitReasonPrefix}runner '{RunnerId}': {error.Message}";
            _machine.Transition(RunnerState.Stopped, _lastTimestamp, "limit", StoppedReason);
            return RunnerEvents.StrategyError | RunnerEvents.Stopped | RunnerEvents.Transition;
        }

        if (Config.ErrorPolicy == ErrorPolicy.Production)
        {
            StoppedReason = error.Message;
            _machine.Transition(RunnerState.Stopped, _lastTimestamp, "error", error.Message);
            return RunnerEvents.StrategyError | RunnerEvents.Stopped | RunnerEvents.Transition;
        }

        return RunnerEvents.StrategyError;
    }

    private RunnerEvents Apply(in StrategyAction action, in MarketData market)
    {
        switch (action.Kind)
        {
            case StrategyActionKind.Opportunity:
                _machine.Transition(RunnerState.Analyzing, _lastTimestamp, "opportunity", action.Reason);
                AddSignal("opportunity", action.Reason);
                return RunnerEvents.Transition;
            case StrategyActionKind.CancelAnalysis:
                _machine.Transition(RunnerState.Idle, _lastTimestamp, "cancel_analysis", action.Reason);
                AddSignal("cancel_analysis", action.Reason);
                return RunnerEvents.Transition;
            case StrategyActionKind.EnterLong:
            case StrategyActionKind.EnterShort:
                return Enter(action, market);
            case StrategyActionKind.Exit:
                return Exit(market, OrderType.Market, null, "strategy", "exit", action.Reason);
            case StrategyActionKind.UpdateStopLoss:
                _stopLoss = action.Price;
                AddSignal("update_stop_loss", action.Reason, action.Price);
                UpdatePositionView(market.Close);
                return RunnerEvents.ProtectionChanged;
            case StrategyActionKind.UpdateTakeProfit:
                _takeProfit = action.Price;
                AddSignal("update_take_profit", action.Reason, action.Price);
                UpdatePositionView(market.Close);
                return RunnerEvents.ProtectionChanged;
            default:
                return RunnerEvents.None;
        }
    }

    private RunnerEvents ProtectiveExit(in ExitTrigger trigger, in MarketData market, OrderType type)
    {
        var reason = trigger.Kind == ExitTriggerKind.StopLoss ? "stop_loss" : "take_profit";
        var detail = trigger.Gapped ? "gapped through" : null;
        var price = type == OrderType.Market ? (decimal?)null : PaperFillModel.ToDecimal(trigger.Price);
        var events = Exit(market, type, price, reason, reason, detail);
        return (events & RunnerEvents.Filled) != 0 ? events | RunnerEvents.ProtectiveExit : events;
    }

    private void UpdatePositionView(double price)
    {
        _viewPrice = price;
        if (_signedQuantity == 0)
        {
            Context.Position = null;
            return;
        }

        var unrealized = ((price - _entryPrice) * _signedQuantity) - _openFees;
        Context.Position = new PositionInfo(_signedQuantity > 0 ? PositionSide.Long : PositionSide.Short, _entryPrice,
            Math.Abs(_signedQuantity), _stopLoss, _takeProfit, unrealized, Portfolio.EntryTime);
    }

    private void MarkToMarket(double price)
    {
        if (Portfolio.Quantity != 0)
        {
            _lastEquity = _equityBase + (PaperFillModel.ToDecimal(price) * Portfolio.Quantity);
            if (price != _viewPrice)
            {
                UpdatePositionView(price);
            }

            _equityDirty = true;
        }

        if (!_recordEquity)
        {
            _equityDirty = false;
            _equityStarted = true;
            return;
        }

        if (!_equityStarted)
        {
            _equityStarted = true;
            _equity.Add(new EquityPoint(_lastTimestamp, _lastEquity));
            _equityDirty = false;
            return;
        }

        if (_equityDirty)
        {
            _equityDirty = false;
            var last = _equity[^1];
            if (last.Equity != _lastEquity)
            {
                if (last.Timestamp == _lastTimestamp)
                {
                    _equity[^1] = new EquityPoint(_lastTimestamp, _lastEquity);
                }
                else
                {
                    _equity.Add(new EquityPoint(_lastTimestamp, _lastEquity));
                }
            }
        }
    }
}
