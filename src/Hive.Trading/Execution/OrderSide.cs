namespace Hive.Trading.Execution;

/// <summary>Direction of an order.</summary>
public enum OrderSide : byte
{
    /// <summary>Buy: opens a long or reduces a short.</summary>
    Buy,

    /// <summary>Sell: opens a short or reduces a long.</summary>
    Sell,
}
