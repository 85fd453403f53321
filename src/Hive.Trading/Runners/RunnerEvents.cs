namespace Hive.Trading.Runners;

/// <summary>What one update of a <see cref="RunnerCore"/> did; a grain uses it to decide what to persist or publish.</summary>
[Flags]
public enum RunnerEvents
{
    /// <summary>Nothing beyond marking to market (the common case).</summary>
    None = 0,

    /// <summary>The state machine moved.</summary>
    Transition = 1,

    /// <summary>An order was sent (and filled, or is pending).</summary>
    OrderSent = 2,

    /// <summary>A fill was booked.</summary>
    Filled = 4,

    /// <summary>Pre-trade risk denied an order.</summary>
    RiskDenied = 8,

    /// <summary>The stop-loss or take-profit closed the position.</summary>
    ProtectiveExit = 16,

    /// <summary>The strategy failed (threw or returned an illegal action).</summary>
    StrategyError = 32,

    /// <summary>The runner stopped.</summary>
    Stopped = 64,

    /// <summary>The strategy moved the stop-loss or take-profit.</summary>
    ProtectionChanged = 128,

    /// <summary>The router rejected an order.</summary>
    OrderRejected = 256,

    /// <summary>The source reported lost data.</summary>
    Gap = 512,
}
