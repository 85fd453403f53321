namespace Hive.Binance.Rest;

/// <summary>Order status as Binance reports it.</summary>
public enum BinanceOrderStatus
{
    /// <summary>A status this version does not know.</summary>
    Unknown,

    /// <summary>NEW.</summary>
    New,

    /// <summary>PARTIALLY_FILLED.</summary>
    PartiallyFilled,

    /// <summary>FILLED.</summary>
    Filled,

    /// <summary>CANCELED.</summary>
    Canceled,

    /// <summary>PENDING_CANCEL.</summary>
    PendingCancel,

    /// <summary>REJECTED.</summary>
    Rejected,

    /// <summary>EXPIRED.</summary>
    Expired,

    /// <summary>EXPIRED_IN_MATCH (self-trade prevention).</summary>
    ExpiredInMatch,
}
