namespace Hive.Binance.Rest;

/// <summary>How an order request ended.</summary>
public enum BinanceOrderOutcome
{
    /// <summary>Binance accepted the request; <see cref="BinanceOrderResult.Order"/> is set.</summary>
    Accepted,

    /// <summary>Binance refused the request; <see cref="BinanceOrderResult.Error"/> says why. Nothing changed.</summary>
    Rejected,

    /// <summary>The order does not exist (a query or cancel of an unknown id, or a reconciled order that was never placed).</summary>
    NotFound,

    /// <summary>
    /// The outcome is unknown (-1007, a 5xx or a timeout) and reconciliation could not settle it either; the order may
    /// exist. Query it later by client order id before placing anything again.
    /// </summary>
    Unknown,
}
