namespace Hive.Cluster.Tests;

/// <summary>What the ledger must show after any fault: fencing and idempotency held.</summary>
internal static class LedgerAssert
{
    /// <summary>No client order ID of an account was filled twice.</summary>
    public static void NoOrderFilledTwice(IReadOnlyList<LedgerRow> ledger)
    {
        var twice = ledger.Where(r => r.Kind == "Fill")
            .GroupBy(r => (r.Account, r.ClientOrderId))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Account}/{g.Key.ClientOrderId} x{g.Count()}")
            .ToList();
        Assert.True(twice.Count == 0, "client order IDs filled twice: " + string.Join(", ", twice));
    }

    /// <summary>
    /// No order of a fenced deployment reached the broker: every fill's order was recorded (the gateway's record made
    /// before it calls the broker) under a DeploymentID that was still its runner's newest one at that point of the
    /// ledger. An order recorded under a stale DeploymentID that the gateway then refused (it re-reads its lease after
    /// a pause) has no fill; a fill recorded after a newer registration is legitimate when its order was recorded before.
    /// </summary>
    public static void NoOrderFromFencedDeployment(IReadOnlyList<LedgerRow> ledger)
    {
        var current = new Dictionary<string, long>(StringComparer.Ordinal);
        var staleOrders = new Dictionary<(string, string), string>();
        foreach (var row in ledger)
        {
            if (row.RunnerId is null || row.Epoch == 0)
            {
                continue;
            }

            current.TryGetValue(row.RunnerId, out var latest);
            if (row.Kind == "Control" && row.Detail?.StartsWith("deployment ", StringComparison.Ordinal) == true)
            {
                current[row.RunnerId] = Math.Max(latest, row.Epoch);
            }
            else if (row.Kind == "Order" && row.Epoch < latest && row.ClientOrderId is not null)
            {
                staleOrders[(row.Account, row.ClientOrderId)] = $"#{row.Sequence} order {row.ClientOrderId} recorded under epoch {row.Epoch} after epoch {latest} was registered";
            }
        }

        var violations = ledger
            .Where(r => r.Kind == "Fill" && r.ClientOrderId is not null && staleOrders.ContainsKey((r.Account, r.ClientOrderId)))
            .Select(r => $"{staleOrders[(r.Account, r.ClientOrderId!)]} was filled (#{r.Sequence})")
            .ToList();
        Assert.True(violations.Count == 0, "orders of fenced deployments that reached the broker: " + string.Join("; ", violations));
    }

    /// <summary>Every runner's position equals the net of its fills in the ledger (no fill lost or applied twice).</summary>
    public static void PositionsMatchFills(IReadOnlyList<LedgerRow> ledger, IEnumerable<Hive.Grains.Runners.RunnerStatus> runners)
    {
        var net = ledger.Where(r => r.Kind == "Fill" && r.RunnerId is not null)
            .GroupBy(r => r.RunnerId!)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.SignedQuantity), StringComparer.Ordinal);
        var wrong = runners
            .Where(r => r.PositionQuantity != net.GetValueOrDefault(r.RunnerId))
            .Select(r => $"{r.RunnerId}: position {r.PositionQuantity}, ledger {net.GetValueOrDefault(r.RunnerId)}")
            .ToList();
        Assert.True(wrong.Count == 0, "positions that differ from the ledger: " + string.Join("; ", wrong));
    }
}
