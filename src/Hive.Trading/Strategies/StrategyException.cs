namespace Hive.Trading.Strategies;

/// <summary>
/// A strategy failed: it threw, returned an action that is not legal in the runner's state, or returned an action
/// with invalid fields. The message names the strategy and the step; the runner's error policy decides what follows.
/// </summary>
public class StrategyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StrategyException(string strategy, string step, string message, Exception? innerException = null)
        : base($"{strategy}: {step}: {message}", innerException)
    {
        Strategy = strategy;
        Step = step;
    }

    /// <summary>The strategy's name (a compiled strategy's name or a Lua script path).</summary>
    public string Strategy { get; }

    /// <summary>The step that failed, for example <c>detect_opportunity</c>, or <c>load</c>.</summary>
    public string Step { get; }

    /// <summary>
    /// Whether the strategy was stopped by one of its sandbox's limits (instruction budget, memory cap, wall-clock
    /// watchdog, host quota) rather than by an error of its own: a runner stops on it whatever its error policy.
    /// </summary>
    public bool IsLimitExceeded { get; init; }
}
