namespace Hive.Binance.Rest;

/// <summary>Binance error codes that the connector acts on or names; other codes keep their numeric value.</summary>
public enum BinanceErrorCode
{
    /// <summary>No code: the failure came from HTTP or the network.</summary>
    None = 0,

    /// <summary>-1000: an unknown error occurred while processing the request.</summary>
    UnknownError = -1000,

    /// <summary>-1001: internal error; unable to process your request.</summary>
    Disconnected = -1001,

    /// <summary>-1002: not authorized to execute this request.</summary>
    Unauthorized = -1002,

    /// <summary>-1003: too many requests.</summary>
    TooManyRequests = -1003,

    /// <summary>-1007: timeout waiting for the backend; the execution status is unknown.</summary>
    Timeout = -1007,

    /// <summary>-1013: a filter (price, lot size, notional) rejected the order.</summary>
    FilterFailure = -1013,

    /// <summary>-1015: too many new orders.</summary>
    TooManyOrders = -1015,

    /// <summary>-1021: timestamp outside recvWindow.</summary>
    InvalidTimestamp = -1021,

    /// <summary>-1022: signature invalid.</summary>
    InvalidSignature = -1022,

    /// <summary>-1100: illegal characters in a parameter.</summary>
    IllegalCharacters = -1100,

    /// <summary>-1102: a mandatory parameter was not sent, empty or malformed.</summary>
    MandatoryParameterMissing = -1102,

    /// <summary>-1120: invalid interval.</summary>
    InvalidInterval = -1120,

    /// <summary>-1121: invalid symbol.</summary>
    InvalidSymbol = -1121,

    /// <summary>-2010: new order rejected (for example insufficient balance).</summary>
    NewOrderRejected = -2010,

    /// <summary>-2011: cancel rejected.</summary>
    CancelRejected = -2011,

    /// <summary>-2013: order does not exist.</summary>
    NoSuchOrder = -2013,

    /// <summary>-2014: API-key format invalid.</summary>
    BadApiKeyFormat = -2014,

    /// <summary>-2015: invalid API key, IP, or permissions for action.</summary>
    RejectedApiKey = -2015,
}
