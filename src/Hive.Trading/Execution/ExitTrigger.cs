namespace Hive.Trading.Execution;

/// <summary>A triggered stop-loss or take-profit and the price it fills at, before slippage.</summary>
/// <param name="Kind">Stop-loss, take-profit or none.</param>
/// <param name="Price">The trigger price, or the bar's open when the bar gapped through the trigger.</param>
/// <param name="Gapped">Whether the bar opened beyond the trigger.</param>
public readonly record struct ExitTrigger(ExitTriggerKind Kind, double Price, bool Gapped)
{
    /// <summary>Whether an exit was triggered.</summary>
    public bool IsTriggered => Kind != ExitTriggerKind.None;
}
