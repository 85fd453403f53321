namespace Hive.Grains.Gateway;

/// <summary>What the paper broker did with an order.</summary>
public enum PaperBrokerStatus : byte
{
    /// <summary>Filled (or, for a client order ID it had already filled, the first fill again).</summary>
    Filled,

    /// <summary>Refused: no usable price.</summary>
    Rejected,

    /// <summary>Refused: the order carries a gateway epoch older than the highest the broker has seen for the account.</summary>
    NotAuthoritative,

    /// <summary>Refused: the order carries a deployment epoch older than one the broker has already seen for its runner.</summary>
    Fenced,
}
