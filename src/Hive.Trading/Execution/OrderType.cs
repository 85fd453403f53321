namespace Hive.Trading.Execution;

/// <summary>How an order is priced.</summary>
public enum OrderType : byte
{
    /// <summary>At market: fills at the touch (ask for buys, bid for sells; the bar's close when replaying candles) plus slippage.</summary>
    Market,

    /// <summary>A triggered stop: fills at <see cref="OrderRequest.Price"/> (the trigger price, or the bar's open on a gap) plus slippage.</summary>
    Stop,

    /// <summary>A limit (take-profit): fills at <see cref="OrderRequest.Price"/> with no slippage.</summary>
    Limit,
}
