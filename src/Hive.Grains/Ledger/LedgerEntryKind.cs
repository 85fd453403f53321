namespace Hive.Grains.Ledger;

/// <summary>What a ledger entry records.</summary>
public enum LedgerEntryKind : byte
{
    /// <summary>An order the gateway accepted and sent to the broker.</summary>
    Order,

    /// <summary>A fill from the broker.</summary>
    Fill,

    /// <summary>An order denied by pre-trade risk or the kill switch.</summary>
    Denial,

    /// <summary>An order rejected because its DeploymentID is not current.</summary>
    Fenced,

    /// <summary>An order the broker rejected.</summary>
    Rejection,

    /// <summary>A change of the kill switch, a gateway lease taken over, a deployment registered.</summary>
    Control,
}
