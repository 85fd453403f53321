namespace Hive.Grains.Ledger;

/// <summary>One append-only ledger record.</summary>
/// <param name="Sequence">Position in the ledger, assigned on append (1-based, gap-free per ledger).</param>
/// <param name="Timestamp">When it was recorded, Unix epoch milliseconds (UTC), from the silo's TimeProvider.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Account">Broker account.</param>
/// <param name="RunnerId">The runner concerned, if any.</param>
/// <param name="ClientOrderId">The order concerned, if any.</param>
/// <param name="Symbol">The symbol, if any.</param>
/// <param name="Side">Buy or sell, if an order or fill.</param>
/// <param name="Quantity">Quantity, if an order or fill.</param>
/// <param name="Price">Price, if a fill (or a limit order).</param>
/// <param name="Fee">Fee, if a fill.</param>
/// <param name="Detail">Reason code and message for denials, fencing and rejections; the DeploymentID; free text.</param>
public sealed record LedgerEntry(
    long Sequence,
    long Timestamp,
    LedgerEntryKind Kind,
    string Account,
    string? RunnerId,
    string? ClientOrderId,
    string? Symbol,
    string? Side,
    decimal? Quantity,
    decimal? Price,
    decimal? Fee,
    string? Detail);
