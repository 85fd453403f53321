namespace Hive.Trading.Runners;

/// <summary>States of a runner (DESIGN §2): <c>Idle → Analyzing → InPosition → Idle</c>, plus <see cref="Stopped"/>.</summary>
public enum RunnerState : byte
{
    /// <summary>Flat, looking for an opportunity: the strategy's <c>DetectOpportunity</c> runs.</summary>
    Idle,

    /// <summary>An opportunity is being confirmed: <c>FilterCommitment</c> runs.</summary>
    Analyzing,

    /// <summary>A position is open: stop-loss / take-profit are checked, then <c>ManagePosition</c> runs.</summary>
    InPosition,

    /// <summary>
    /// Stopped by a strategy error under the production policy, or by an operator: market data still marks the
    /// position to market, but neither the strategy nor stop-loss / take-profit run until the runner is resumed.
    /// </summary>
    Stopped,
}
