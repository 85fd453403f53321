namespace Hive.Trading.Strategies;

/// <summary>The actions a strategy can return; which ones are legal depends on the runner's state.</summary>
public enum StrategyActionKind : byte
{
    /// <summary>Nothing to do on this update (<c>nil</c> in Lua).</summary>
    None,

    /// <summary>Idle: an opportunity was seen; the runner moves to Analyzing.</summary>
    Opportunity,

    /// <summary>Analyzing: the opportunity is gone; back to Idle.</summary>
    CancelAnalysis,

    /// <summary>Analyzing: buy to open a long position.</summary>
    EnterLong,

    /// <summary>Analyzing: sell to open a short position.</summary>
    EnterShort,

    /// <summary>InPosition: close the position.</summary>
    Exit,

    /// <summary>InPosition: move the stop-loss.</summary>
    UpdateStopLoss,

    /// <summary>InPosition: move the take-profit.</summary>
    UpdateTakeProfit,
}
