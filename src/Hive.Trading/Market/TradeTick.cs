namespace Hive.Trading.Market;

/// <summary>One trade printed on the exchange.</summary>
/// <param name="Symbol">Exchange symbol in upper case.</param>
/// <param name="Timestamp">Trade time, Unix epoch milliseconds (UTC).</param>
/// <param name="TradeId">Exchange trade id (aggregate id for aggregated trades).</param>
/// <param name="Price">Trade price.</param>
/// <param name="Quantity">Trade quantity.</param>
/// <param name="BuyerIsMaker">True when the buyer was the resting side, that is, the aggressor sold.</param>
public readonly record struct TradeTick(
    string Symbol,
    long Timestamp,
    long TradeId,
    double Price,
    double Quantity,
    bool BuyerIsMaker);
