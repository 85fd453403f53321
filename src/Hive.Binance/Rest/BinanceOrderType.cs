namespace Hive.Binance.Rest;

/// <summary>Order types the connector places (others are read back as <see cref="Other"/>).</summary>
public enum BinanceOrderType
{
    /// <summary>MARKET.</summary>
    Market,

    /// <summary>LIMIT.</summary>
    Limit,

    /// <summary>Any other type (LIMIT_MAKER, STOP_LOSS_LIMIT, …).</summary>
    Other,
}
