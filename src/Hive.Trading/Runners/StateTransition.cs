namespace Hive.Trading.Runners;

/// <summary>One entry of a runner's transition history.</summary>
/// <param name="Timestamp">Event time of the transition, Unix epoch milliseconds (UTC).</param>
/// <param name="From">State before.</param>
/// <param name="To">State after.</param>
/// <param name="Trigger">What caused it: an action name (<c>opportunity</c>, <c>enter_long</c>, <c>exit</c> …), <c>stop_loss</c>, <c>take_profit</c>, <c>error</c>, <c>resume</c>.</param>
/// <param name="Reason">The strategy's or operator's free text, if any.</param>
public readonly record struct StateTransition(long Timestamp, RunnerState From, RunnerState To, string Trigger, string? Reason);
