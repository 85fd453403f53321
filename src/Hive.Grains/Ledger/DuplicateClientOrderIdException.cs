namespace Hive.Grains.Ledger;

/// <summary>
/// Thrown by <see cref="ILedger.AppendAsync"/> of a ledger that enforces one <see cref="LedgerEntryKind.Order"/> per
/// account and client order ID (the PostgreSQL ledger, through a unique constraint) when that order is already
/// recorded. The gateway records an order before it reaches the broker, so this is how a second gateway activation in
/// another process learns that the logical order was already sent, and does not send it again.
/// </summary>
public sealed class DuplicateClientOrderIdException : Exception
{
    /// <summary>Creates the exception for <paramref name="clientOrderId"/> of <paramref name="account"/>.</summary>
    public DuplicateClientOrderIdException(string account, string clientOrderId, Exception? innerException = null)
        : base($"Client order ID '{clientOrderId}' of account '{account}' is already recorded in the ledger.", innerException)
    {
        Account = account;
        ClientOrderId = clientOrderId;
    }

    /// <summary>The account.</summary>
    public string Account { get; }

    /// <summary>The client order ID recorded before.</summary>
    public string ClientOrderId { get; }
}
