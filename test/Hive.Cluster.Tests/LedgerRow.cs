using System.Globalization;
using System.Text.RegularExpressions;

namespace Hive.Cluster.Tests;

/// <summary>One row of <c>hive_ledger</c>, with the DeploymentID epoch and activation its detail names.</summary>
internal sealed partial record LedgerRow(long Sequence, string Kind, string Account, string? RunnerId, string? ClientOrderId, string? Side, decimal? Quantity, string? Detail)
{
    /// <summary>The epoch of the DeploymentID in the detail (<c>runner#EPOCH@activation</c>), or 0.</summary>
    public long Epoch => Detail is not null && DeploymentPattern().Match(Detail) is { Success: true } m
        ? long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
        : 0;

    /// <summary>The activation tag of the DeploymentID in the detail (<c>SILO-xxxxxxxx</c>), or null.</summary>
    public string? Activation => Detail is not null && DeploymentPattern().Match(Detail) is { Success: true } m ? m.Groups[2].Value : null;

    /// <summary>The signed quantity of a fill.</summary>
    public decimal SignedQuantity => Side == "Sell" ? -(Quantity ?? 0) : Quantity ?? 0;

    [GeneratedRegex(@"#(\d+)@([A-Za-z0-9_.-]+)")]
    private static partial Regex DeploymentPattern();
}
