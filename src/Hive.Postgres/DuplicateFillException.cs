namespace Hive.Postgres;

/// <summary>
/// A second fill of one client order ID on one account reached the ledger; the database refused it (the unique index
/// <c>hive_ledger_one_fill_per_order</c>), so the ledger still holds exactly one fill for that order.
/// </summary>
public sealed class DuplicateFillException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="account"/> and <paramref name="clientOrderId"/>.</summary>
    public DuplicateFillException(string account, string clientOrderId, Exception? innerException = null)
        : base($"Ledger: client order ID '{clientOrderId}' is already filled on account '{account}'; the database refused a second fill.", innerException)
    {
        Account = account;
        ClientOrderId = clientOrderId;
    }

    /// <summary>The broker account.</summary>
    public string Account { get; }

    /// <summary>The client order ID filled twice.</summary>
    public string ClientOrderId { get; }
}
