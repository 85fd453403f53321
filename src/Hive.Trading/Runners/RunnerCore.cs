using Hive.Trading.Backtesting;
using Hive.Trading.Execution;
using Hive.Trading.Indicators;
using Hive.Trading.Market;
using Hive.Trading.Portfolio;
using Hive.Trading.Risk;
using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

/// <summary>
/// One runner's trading logic, free of any runtime type so that the backtester drives it directly and a grain can
/// wrap it: the window and indicators of its symbol, its strategy, state machine and context, pre-trade risk, order
/// routing, position, trades, equity curve and chart signals.
/// <para>
/// On each closed candle (<see cref="OnCandle"/>): a stopped runner only marks to market; in position, the stop-loss /
/// take-profit are checked against the candle's high/low; then the strategy's bar (the candle, or with a
/// <see cref="RunnerConfig.Timeframe"/> the UTC-aligned bar the candle closes) advances the window and indicators and
/// the strategy step of the current state runs; its action is validated, checked against buying power and risk, and
/// routed. These steps run in this order whatever the router: when an order is pending, the rest wait for its fill
/// or rejection, so a backtest and a live runner take the same decisions. A market order decided on a bar fills at
/// that bar's close when replaying candles (at the touch when quotes are known); see <see cref="PaperFillModel"/> for
/// the whole convention. Quotes (<see cref="OnQuote"/>) update the touch and check stop-loss / take-profit; strategies
/// run on closed bars only. Time is the event time of the market data, so a backtest and a live run count order rates
/// and record transitions the same way.
/// </para>
/// <para>
/// Errors: a strategy that throws (or returns an action illegal in its state, or with invalid fields) is handled by
/// <see cref="RunnerConfig.ErrorPolicy"/>: production records the error and stops the runner; development records it,
/// skips the update and carries on. Not thread-safe: one caller at a time (a grain's turn, the backtester's loop).
/// </para>
/// </summary>
public sealed partial class RunnerCore
{
    private const int MaxErrorsKept = 100;

    /// <summary>
    /// Quantities and prices a strategy may give stay below this, so that notionals, fees and P&amp;L stay far inside
    /// <see cref="decimal"/>'s range; beyond it the action is a strategy error of that runner, not a crash of the host.
    /// </summary>
    public const double MaxAmount = 1e15;

    private readonly CandleWindow _window;
    private readonly IndicatorSet _indicators;
    private readonly RunnerStateMachine _machine;
    private readonly IOrderRouter _router;
    private readonly List<EquityPoint> _equity;
    private readonly List<SignalMark> _signals = [];
    private readonly List<string> _errors = [];
    private readonly bool _recordEquity;
    private readonly BarAggregator? _aggregator;
    private readonly Step[] _steps = new Step[3];
    private int _stepHead;
    private int _stepCount;
    private IStrategy _strategy;

    private double _bid;
    private double _ask;
    private double _bidQuantity;
    private double _askQuantity;
    private bool _hasQuote;
    private double _lastPrice;
    private long _lastTimestamp;

    private double? _stopLoss;
    private double? _takeProfit;
    private double _entryPrice;
    private double _signedQuantity;
    private double _openFees;

    private double _viewPrice = double.NaN;
    private decimal _equityBase;
    private decimal _lastEquity;
    private bool _equityStarted;
    private bool _equityDirty;
    private long _orderSequence;
    private int _restoredTradeCount;

    /// <summary>Creates the runner.</summary>
    /// <param name="config">The runner's configuration; validated here.</param>
    /// <param name="strategy">A strategy instance for this runner alone (see <see cref="StrategyCatalog.Create"/>).</param>
    /// <param name="router">Where orders go; a <see cref="PaperOrderRouter"/> with the default fill model when <c>null</c>.</param>
    /// <param name="account">Risk state shared with the other runners of the account, if any.</param>
    /// <param name="recordEquityCurve">Whether to keep the equity curve (backtests); a live runner keeps only its current equity.</param>
    /// <param name="equityCapacity">Expected number of equity points, to size the curve once (the number of bars of the symbol).</param>
    public RunnerCore(RunnerConfig config, IStrategy strategy, IOrderRouter? router = null, AccountRisk? account = null,
        bool recordEquityCurve = true, int equityCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentOutOfRangeException.ThrowIfNegative(equityCapacity);
        config.Validate();
        Config = config;
        _strategy = strategy;
        _router = router ?? new PaperOrderRouter();
        Risk = new RiskEngine(config.Risk, account);
        Portfolio = new RunnerPortfolio(config.RunnerId, config.Symbol, config.InitialEquity);
        _window = new CandleWindow(config.WindowSize);
        _indicators = new IndicatorSet(_window);
        _aggregator = config.Timeframe is { } timeframe ? new BarAggregator(timeframe.Milliseconds) : null;
        _machine = new RunnerStateMachine(config.TransitionHistorySize);
        _recordEquity = recordEquityCurve;
        _equity = new List<EquityPoint>(recordEquityCurve ? equityCapacity : 0);
        _lastEquity = config.InitialEquity;
        _equityBase = config.InitialEquity;
    }

    /// <summary>The configuration.</summary>
    public RunnerConfig Config { get; }

    /// <summary>The runner ID.</summary>
    public string RunnerId => Config.RunnerId;

    /// <summary>The symbol.</summary>
    public string Symbol => Config.Symbol;

    /// <summary>The current strategy instance.</summary>
    public IStrategy Strategy => _strategy;

    /// <summary>The current state.</summary>
    public RunnerState State => _machine.State;

    /// <summary>The state machine, with its bounded transition history.</summary>
    public RunnerStateMachine StateMachine => _machine;

    /// <summary>The strategy context (values the strategy keeps, and the position view).</summary>
    public StrategyContext Context { get; } = new();

    /// <summary>The indicators the strategy reads.</summary>
    public IIndicatorProvider Indicators => _indicators;

    /// <summary>The runner's pre-trade risk (its limits and kill switch, and the shared account's).</summary>
    public RiskEngine Risk { get; }

    /// <summary>The runner's own position and P&amp;L.</summary>
    public RunnerPortfolio Portfolio { get; }

    /// <summary>The open position as strategies see it, or <c>null</c> when flat.</summary>
    public PositionInfo? Position => Context.Position;

    /// <summary>Current stop-loss of the open position.</summary>
    public double? StopLoss => _stopLoss;

    /// <summary>Current take-profit of the open position.</summary>
    public double? TakeProfit => _takeProfit;

    /// <summary>Closed trades in exit order, since this instance was created.</summary>
    public IReadOnlyList<ClosedTrade> Trades => Portfolio.Trades;

    /// <summary>Trades closed since the runner was created, those of earlier activations (restored) included.</summary>
    public int TradeCount => _restoredTradeCount + Portfolio.Trades.Count;

    /// <summary>The equity curve: a point whenever equity changed, on the first bar, and on the last after <see cref="CompleteEquityCurve"/>.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _equity;

    /// <summary>Equity at the last price.</summary>
    public decimal Equity => _lastEquity;

    /// <summary>Decisions worth marking on a chart.</summary>
    public IReadOnlyList<SignalMark> Signals => _signals;

    /// <summary>The last <c>100</c> strategy errors.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Strategy errors since creation.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Orders denied by pre-trade risk.</summary>
    public int RiskDenials { get; private set; }

    /// <summary>
    /// How <see cref="StoppedReason"/> starts when a sandbox limit of the strategy stopped the runner (instruction
    /// budget, memory cap, wall-clock watchdog, host quota). The reason is part of the snapshot, so a restored runner
    /// stays stopped by its limit until an operator resumes or removes it.
    /// </summary>
    public const string LimitReasonPrefix = "stopped by limit: ";

    /// <summary>Why the runner is stopped, or <c>null</c> while it runs.</summary>
    public string? StoppedReason { get; private set; }

    /// <summary>Whether the runner is stopped because its strategy exceeded a sandbox limit (see <see cref="LimitReasonPrefix"/>).</summary>
    public bool IsStoppedByLimit => IsLimitReason(StoppedReason);

    /// <summary>Closed candles processed.</summary>
    public long BarsProcessed { get; private set; }

    /// <summary>The last price seen (candle close, quote mid or trade).</summary>
    public double LastPrice => _lastPrice;

    /// <summary>Event time of the last update, Unix epoch milliseconds (UTC).</summary>
    public long LastTimestamp => _lastTimestamp;

    /// <summary>Whether an order is in flight (a router answered <see cref="OrderStatus.Pending"/>).</summary>
    public bool HasPendingOrder => _pending is not null;

    /// <summary>
    /// Swaps the strategy (hot reload) keeping everything else: state, context, position, window and indicators.
    /// </summary>
    public void ReplaceStrategy(IStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategy = strategy;
        AddSignal("strategy_replaced", strategy.Name);
    }

    /// <summary>Stops the runner (an operator's pause or an error); the position stays open and is still marked.</summary>
    public void Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (_machine.State == RunnerState.Stopped)
        {
            return;
        }

        StoppedReason = reason;
        _machine.Transition(RunnerState.Stopped, _lastTimestamp, "stop", reason);
        AddSignal("stopped", reason);
    }

    /// <summary>Whether a stopped reason (of a runner or of its <see cref="RunnerSnapshot"/>) says a sandbox limit stopped it.</summary>
    public static bool IsLimitReason(string? stoppedReason) =>
        stoppedReason is not null && stoppedReason.StartsWith(LimitReasonPrefix, StringComparison.Ordinal);

    /// <summary>Resumes a stopped runner: InPosition when a position is open, otherwise Idle.</summary>
    public void Resume()
    {
        if (_machine.State != RunnerState.Stopped)
        {
            return;
        }

        StoppedReason = null;
        _machine.Transition(Portfolio.Quantity != 0 ? RunnerState.InPosition : RunnerState.Idle, _lastTimestamp, "resume");
    }

    /// <summary>The state to persist so that a reactivated runner resumes its position (see <see cref="Restore"/>).</summary>
    public RunnerSnapshot CreateSnapshot() => new(
        RunnerId,
        Symbol,
        _machine.State,
        StoppedReason,
        Portfolio.Quantity,
        Portfolio.AverageEntryPrice,
        Portfolio.EntryTime,
        Portfolio.OpenEntryFees,
        Portfolio.RealizedPnl,
        Portfolio.TotalFees,
        _stopLoss,
        _takeProfit,
        [.. Context.Values],
        _orderSequence,
        _lastTimestamp,
        _lastPrice,
        TradeCount);

    /// <summary>
    /// Restores a persisted snapshot into this fresh runner (same ID and symbol, no data processed yet). A runner saved
    /// while an order was pending or in Analyzing resumes in Idle when flat: the in-flight decision is not replayed.
    /// </summary>
    public void Restore(RunnerSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!string.Equals(snapshot.RunnerId, RunnerId, StringComparison.Ordinal) || !string.Equals(snapshot.Symbol, Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Snapshot of runner '{snapshot.RunnerId}' on {snapshot.Symbol} cannot restore runner '{RunnerId}' on {Symbol}.", nameof(snapshot));
        }

        if (BarsProcessed != 0 || _machine.TransitionCount != 0 || Portfolio.TotalFees != 0)
        {
            throw new InvalidOperationException($"Runner '{RunnerId}' has already processed data; restore a snapshot into a fresh runner.");
        }

        Portfolio.Restore(snapshot.Quantity, snapshot.AverageEntryPrice, snapshot.EntryTime, snapshot.OpenEntryFees, snapshot.RealizedPnl, snapshot.TotalFees);
        _signedQuantity = (double)Portfolio.Quantity;
        _entryPrice = (double)Portfolio.AverageEntryPrice;
        _openFees = (double)Portfolio.OpenEntryFees;
        UpdateEquityBase();
        _stopLoss = Portfolio.Quantity == 0 ? null : snapshot.StopLoss;
        _takeProfit = Portfolio.Quantity == 0 ? null : snapshot.TakeProfit;
        _orderSequence = snapshot.OrderSequence;
        _restoredTradeCount = snapshot.TradeCount;
        _lastTimestamp = snapshot.LastTimestamp;
        _lastPrice = snapshot.LastPrice;
        foreach (var (key, value) in snapshot.Context)
        {
            Context.Set(key, value);
        }

        var state = snapshot.State switch
        {
            RunnerState.Stopped => RunnerState.Stopped,
            _ when Portfolio.Quantity != 0 => RunnerState.InPosition,
            _ => RunnerState.Idle,
        };
        _machine.Restore(state, snapshot.LastTimestamp);
        StoppedReason = state == RunnerState.Stopped ? snapshot.StoppedReason ?? "restored stopped" : null;
        _lastEquity = Portfolio.Quantity != 0 && _lastPrice > 0
            ? Portfolio.Equity(PaperFillModel.ToDecimal(_lastPrice))
            : Portfolio.InitialEquity + Portfolio.RealizedPnl;
        UpdatePositionView(_lastPrice);
        Risk.Account?.UpdatePosition(RunnerId, Symbol, Portfolio.Quantity, Portfolio.AverageEntryPrice);
    }

    /// <summary>Adds the last bar's equity to the curve if it is not its last point already (call at the end of a replay).</summary>
    public void CompleteEquityCurve()
    {
        if (!_recordEquity || !_equityStarted)
        {
            return;
        }

        if (_equity.Count == 0 || _equity[^1].Timestamp != _lastTimestamp)
        {
            _equity.Add(new EquityPoint(_lastTimestamp, _lastEquity));
        }
        else if (_equity[^1].Equity != _lastEquity)
        {
            _equity[^1] = new EquityPoint(_lastTimestamp, _lastEquity);
        }
    }

    // Equity = initial + realized + (price − entry) × quantity − open entry fees = base + price × quantity, with the
    // base fixed between fills: marking a position to market then costs one decimal multiply and one add per bar.
    private void UpdateEquityBase() =>
        _equityBase = Portfolio.InitialEquity + Portfolio.RealizedPnl - Portfolio.OpenEntryFees - (Portfolio.AverageEntryPrice * Portfolio.Quantity);

    private void AddSignal(string kind, string? detail, double? price = null) =>
        _signals.Add(new SignalMark(_lastTimestamp, price ?? _lastPrice, kind, detail));

    private enum StepKind : byte
    {
        /// <summary>Check the open position's stop-loss / take-profit against a feed candle.</summary>
        Protect,

        /// <summary>Advance the window and indicators with a strategy bar and run the strategy step.</summary>
        Bar,
    }

    private readonly record struct Step(StepKind Kind, Candle Candle);

    private void RecordError(string message)
    {
        ErrorCount++;
        if (_errors.Count == MaxErrorsKept)
        {
            _errors.RemoveAt(0);
        }

        _errors.Add(message);
    }
}
