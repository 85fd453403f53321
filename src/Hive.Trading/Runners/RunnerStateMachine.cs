using Hive.Trading.Strategies;

namespace Hive.Trading.Runners;

/// <summary>
/// The runner state machine: which strategy step runs in which state, which actions are legal there, which
/// transitions exist, and a bounded history of the last transitions (a ring: recording allocates nothing).
/// Legal transitions: Idle → Analyzing, Analyzing → Idle, Analyzing → InPosition, InPosition → Idle, any state →
/// Stopped, Stopped → Idle or InPosition (resume, back to whether a position is open).
/// </summary>
public sealed class RunnerStateMachine
{
    /// <summary>Default number of transitions kept.</summary>
    public const int DefaultHistoryCapacity = 64;

    private readonly StateTransition[] _history;
    private int _next;
    private int _count;

    /// <summary>Creates a machine in <see cref="RunnerState.Idle"/> keeping the last <paramref name="historyCapacity"/> transitions.</summary>
    public RunnerStateMachine(int historyCapacity = DefaultHistoryCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyCapacity);
        _history = new StateTransition[historyCapacity];
    }

    /// <summary>The current state.</summary>
    public RunnerState State { get; private set; }

    /// <summary>Transitions since creation (the history keeps only the last <see cref="HistoryCapacity"/>).</summary>
    public long TransitionCount { get; private set; }

    /// <summary>How many transitions the history keeps.</summary>
    public int HistoryCapacity => _history.Length;

    /// <summary>The kept transitions, oldest first (a copy).</summary>
    public IReadOnlyList<StateTransition> History
    {
        get
        {
            var copy = new StateTransition[_count];
            var start = (_next - _count + _history.Length) % _history.Length;
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _history[(start + i) % _history.Length];
            }

            return copy;
        }
    }

    /// <summary>The strategy step that runs in <paramref name="state"/> (the Lua function name).</summary>
    public static string StepOf(RunnerState state) => state switch
    {
        RunnerState.Idle => "detect_opportunity",
        RunnerState.Analyzing => "filter_commitment",
        RunnerState.InPosition => "manage_position",
        _ => "none",
    };

    /// <summary>The Lua name of an action (<c>enter_long</c>, <c>cancel_analysis</c> …).</summary>
    public static string ActionName(StrategyActionKind kind) => kind switch
    {
        StrategyActionKind.None => "none",
        StrategyActionKind.Opportunity => "opportunity",
        StrategyActionKind.CancelAnalysis => "cancel_analysis",
        StrategyActionKind.EnterLong => "enter_long",
        StrategyActionKind.EnterShort => "enter_short",
        StrategyActionKind.Exit => "exit",
        StrategyActionKind.UpdateStopLoss => "update_stop_loss",
        StrategyActionKind.UpdateTakeProfit => "update_take_profit",
        _ => kind.ToString(),
    };

    /// <summary>Whether a strategy may return <paramref name="kind"/> in <paramref name="state"/>.</summary>
    public static bool IsLegal(RunnerState state, StrategyActionKind kind) => kind == StrategyActionKind.None || state switch
    {
        RunnerState.Idle => kind == StrategyActionKind.Opportunity,
        RunnerState.Analyzing => kind is StrategyActionKind.CancelAnalysis or StrategyActionKind.EnterLong or StrategyActionKind.EnterShort,
        RunnerState.InPosition => kind is StrategyActionKind.Exit or StrategyActionKind.UpdateStopLoss or StrategyActionKind.UpdateTakeProfit,
        _ => false,
    };

    /// <summary>Whether the machine may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(RunnerState from, RunnerState to) => (from, to) switch
    {
        (RunnerState.Idle, RunnerState.Analyzing) => true,
        (RunnerState.Analyzing, RunnerState.Idle) => true,
        (RunnerState.Analyzing, RunnerState.InPosition) => true,
        (RunnerState.InPosition, RunnerState.Idle) => true,
        (RunnerState.Stopped, RunnerState.Idle) => true,
        (RunnerState.Stopped, RunnerState.InPosition) => true,
        (not RunnerState.Stopped, RunnerState.Stopped) => true,
        _ => false,
    };

    /// <summary>
    /// Throws a <see cref="StrategyException"/> naming the strategy, the step and the action when
    /// <paramref name="kind"/> is not legal in the current state.
    /// </summary>
    public void ValidateAction(StrategyActionKind kind, string strategy)
    {
        if (!IsLegal(State, kind))
        {
            throw new StrategyException(strategy, StepOf(State),
                $"action '{ActionName(kind)}' is not legal in state {State}; legal: {LegalActions(State)}");
        }
    }

    /// <summary>Moves to <paramref name="to"/> and records the transition; an illegal transition is a bug and throws.</summary>
    public void Transition(RunnerState to, long timestamp, string trigger, string? reason = null)
    {
        if (!CanTransition(State, to))
        {
            throw new InvalidOperationException($"Illegal runner transition {State} → {to} ({trigger}).");
        }

        _history[_next] = new StateTransition(timestamp, State, to, trigger, reason);
        _next = (_next + 1) % _history.Length;
        if (_count < _history.Length)
        {
            _count++;
        }

        TransitionCount++;
        State = to;
    }

    /// <summary>Puts a fresh machine in a persisted state (a reactivated runner), recording a <c>restore</c> transition.</summary>
    public void Restore(RunnerState state, long timestamp)
    {
        if (TransitionCount != 0)
        {
            throw new InvalidOperationException("Only a fresh state machine can be restored.");
        }

        if (state == State)
        {
            return;
        }

        _history[_next] = new StateTransition(timestamp, State, state, "restore", null);
        _next = (_next + 1) % _history.Length;
        _count++;
        TransitionCount++;
        State = state;
    }

    private static string LegalActions(RunnerState state) => state switch
    {
        RunnerState.Idle => "none, opportunity",
        RunnerState.Analyzing => "none, cancel_analysis, enter_long, enter_short",
        RunnerState.InPosition => "none, exit, update_stop_loss, update_take_profit",
        _ => "none",
    };
}
