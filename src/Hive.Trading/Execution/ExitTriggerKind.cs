namespace Hive.Trading.Execution;

/// <summary>Which protective exit a bar or quote triggered.</summary>
public enum ExitTriggerKind : byte
{
    /// <summary>Neither stop-loss nor take-profit was reached.</summary>
    None,

    /// <summary>The stop-loss was reached (also when the take-profit was reached in the same bar: stop first).</summary>
    StopLoss,

    /// <summary>The take-profit was reached.</summary>
    TakeProfit,
}
