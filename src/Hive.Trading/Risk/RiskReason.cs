namespace Hive.Trading.Risk;

/// <summary>Why pre-trade risk denied an order (or <see cref="None"/> when it accepted it).</summary>
public enum RiskReason : byte
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>The order's quantity is above the maximum order quantity.</summary>
    QuantityExceedsMaximum,

    /// <summary>The order's notional (price × quantity) is above the maximum per order.</summary>
    NotionalExceedsMaximum,

    /// <summary>The position after the order would be larger than the maximum position size.</summary>
    PositionExceedsMaximum,

    /// <summary>The total notional exposure after the order would be above the maximum.</summary>
    ExposureExceedsMaximum,

    /// <summary>More orders in the last second than allowed.</summary>
    OrderRateExceeded,

    /// <summary>The kill switch is at <see cref="KillSwitchLevel.Halted"/>: nothing new is sent.</summary>
    KillSwitchHalted,

    /// <summary>The kill switch is at <see cref="KillSwitchLevel.Reducing"/> and the order does not reduce exposure.</summary>
    KillSwitchReducing,

    /// <summary>A reduce-only order would increase or flip the position.</summary>
    ReduceOnlyWouldIncrease,

    /// <summary>The quantity is zero or negative.</summary>
    InvalidQuantity,

    /// <summary>No usable price to value the order.</summary>
    InvalidPrice,

    /// <summary>An entry's notional plus its fee exceeds the runner's equity less what its open position holds.</summary>
    InsufficientBuyingPower,
}
