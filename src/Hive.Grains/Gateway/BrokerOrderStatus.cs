namespace Hive.Grains.Gateway;

/// <summary>How a broker settled an order.</summary>
public enum BrokerOrderStatus : byte
{
    /// <summary>Filled, entirely or partly (<see cref="BrokerResult.Fills"/>; <see cref="BrokerResult.Reason"/> says what did not fill).</summary>
    Filled,

    /// <summary>Refused by the broker or the exchange; nothing was executed.</summary>
    Rejected,

    /// <summary>Refused before sending by the exchange's symbol filters (tick size, step size, notional); the reason names the filter.</summary>
    FilterRejected,

    /// <summary>Refused: the gateway's epoch is older than one the broker has seen (a stale gateway).</summary>
    NotAuthoritative,

    /// <summary>The order may exist but its outcome could not be learned in time; it is reconciled by its client order ID later.</summary>
    Unresolved,

    /// <summary>Refused: the order carries a deployment epoch older than one the broker has seen for its runner (a stale runner activation).</summary>
    Fenced,
}
