namespace Hive.Trading.Strategies;

/// <summary>
/// What a strategy step returns. A struct, so that the common "nothing to do" answer costs no allocation.
/// Prices and quantities are <see cref="double"/> as strategies compute them; the runner converts them to
/// <see cref="decimal"/> when it builds an order.
/// </summary>
/// <param name="Kind">The action.</param>
/// <param name="Price">Limit or reference price; <c>null</c> means "at market".</param>
/// <param name="Quantity">Quantity for an entry; <c>null</c> lets the runner use its configured default.</param>
/// <param name="StopLoss">Stop-loss price for an entry.</param>
/// <param name="TakeProfit">Take-profit price for an entry.</param>
/// <param name="Reason">Free text kept in the runner's transition history, for example <c>"ema 12 crossed above 26"</c>.</param>
public readonly record struct StrategyAction(
    StrategyActionKind Kind,
    double? Price = null,
    double? Quantity = null,
    double? StopLoss = null,
    double? TakeProfit = null,
    string? Reason = null)
{
    /// <summary>Nothing to do.</summary>
    public static StrategyAction None => default;

    /// <summary>An opportunity was detected (Idle → Analyzing).</summary>
    public static StrategyAction Opportunity(string? reason = null) => new(StrategyActionKind.Opportunity, Reason: reason);

    /// <summary>Abandon the analysis (Analyzing → Idle).</summary>
    public static StrategyAction CancelAnalysis(string? reason = null) => new(StrategyActionKind.CancelAnalysis, Reason: reason);

    /// <summary>Open a long position (Analyzing → InPosition).</summary>
    public static StrategyAction EnterLong(double? price = null, double? quantity = null, double? stopLoss = null, double? takeProfit = null, string? reason = null) =>
        new(StrategyActionKind.EnterLong, price, quantity, stopLoss, takeProfit, reason);

    /// <summary>Open a short position (Analyzing → InPosition).</summary>
    public static StrategyAction EnterShort(double? price = null, double? quantity = null, double? stopLoss = null, double? takeProfit = null, string? reason = null) =>
        new(StrategyActionKind.EnterShort, price, quantity, stopLoss, takeProfit, reason);

    /// <summary>Close the position (InPosition → Idle).</summary>
    public static StrategyAction Exit(double? price = null, string? reason = null) => new(StrategyActionKind.Exit, price, Reason: reason);

    /// <summary>Move the stop-loss to <paramref name="price"/>.</summary>
    public static StrategyAction UpdateStopLoss(double price) => new(StrategyActionKind.UpdateStopLoss, price);

    /// <summary>Move the take-profit to <paramref name="price"/>.</summary>
    public static StrategyAction UpdateTakeProfit(double price) => new(StrategyActionKind.UpdateTakeProfit, price);

    /// <summary>Whether this is the "nothing to do" answer.</summary>
    public bool IsNone => Kind == StrategyActionKind.None;
}
