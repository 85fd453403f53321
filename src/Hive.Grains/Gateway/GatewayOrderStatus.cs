namespace Hive.Grains.Gateway;

/// <summary>What the gateway did with an order.</summary>
public enum GatewayOrderStatus : byte
{
    /// <summary>Accepted and filled by the broker.</summary>
    Filled,

    /// <summary>Accepted; the broker will report the fill later.</summary>
    Accepted,

    /// <summary>The order came from a DeploymentID that is not the runner's current one.</summary>
    Fenced,

    /// <summary>Account-level pre-trade risk or the kill switch denied it.</summary>
    Denied,

    /// <summary>The broker rejected it.</summary>
    Rejected,

    /// <summary>This gateway activation has lost its authority (a newer gateway epoch exists).</summary>
    NotAuthoritative,
}
