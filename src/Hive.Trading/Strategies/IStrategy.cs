using Hive.Trading.Market;

namespace Hive.Trading.Strategies;

/// <summary>
/// The three-step strategy contract (DESIGN §3), the same for compiled C# and Lua strategies. The runner calls exactly
/// one step per update, chosen by its state: Idle → <see cref="DetectOpportunity"/>, Analyzing →
/// <see cref="FilterCommitment"/>, InPosition → <see cref="ManagePosition"/> (after stop-loss / take-profit were checked).
/// An implementation may throw; the runner's error policy decides whether that stops the runner or skips the update.
/// </summary>
public interface IStrategy
{
    /// <summary>Short name used in logs and reports, for example <c>ema-cross</c> or the Lua file name.</summary>
    string Name { get; }

    /// <summary>Idle: return <see cref="StrategyAction.Opportunity"/> to start analysing, or <see cref="StrategyAction.None"/>.</summary>
    StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators);

    /// <summary>Analyzing: return <c>EnterLong</c>, <c>EnterShort</c>, <c>CancelAnalysis</c> or <c>None</c> (keep analysing).</summary>
    StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators);

    /// <summary>InPosition: return <c>Exit</c>, <c>UpdateStopLoss</c>, <c>UpdateTakeProfit</c> or <c>None</c>.</summary>
    StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators);
}
