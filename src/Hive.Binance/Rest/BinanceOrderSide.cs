namespace Hive.Binance.Rest;

/// <summary>Order side.</summary>
public enum BinanceOrderSide
{
    /// <summary>BUY.</summary>
    Buy,

    /// <summary>SELL.</summary>
    Sell,
}
