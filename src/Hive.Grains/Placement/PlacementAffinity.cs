using Orleans.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Tells the placement directors what a grain about to be activated works on, through <see cref="RequestContext"/>
/// (directors see the grain ID, and a runner's key is its runner ID, not its symbol). The runner registry sets the
/// symbol around its calls to a runner; a market feed sets it around its publications, so a runner reactivated by a
/// stream event lands next to the feed; a backtest's caller sets the dataset (<see cref="DataDataset"/> of its first
/// data spec) so that it runs where the data is in memory already.
/// </summary>
public static class PlacementAffinity
{
    /// <summary>The <see cref="RequestContext"/> key holding the symbol of the grain being placed.</summary>
    public const string SymbolKey = "hive.affinity.symbol";

    /// <summary>The <see cref="RequestContext"/> key holding the dataset a data grain needs.</summary>
    public const string DatasetKey = "hive.affinity.dataset";

    /// <summary>The grain type of market feeds (their key is the symbol).</summary>
    public static readonly GrainType FeedGrainType = GrainType.Create(FeedGrainTypeName);

    internal const string FeedGrainTypeName = "hive.market-feed";

    /// <summary>The grain ID of <paramref name="symbol"/>'s market feed.</summary>
    public static GrainId FeedGrainId(string symbol) => GrainId.Create(FeedGrainType, symbol);

    /// <summary>The dataset name of data spec <paramref name="spec"/>, as data silos report what they hold.</summary>
    public static string DataDataset(string spec) => "data:" + spec;

    /// <summary>Sets the symbol for calls made in the current flow until the scope is disposed.</summary>
    public static PlacementAffinityScope ForSymbol(string symbol) => new(SymbolKey, symbol);

    /// <summary>Sets the dataset for calls made in the current flow until the scope is disposed.</summary>
    public static PlacementAffinityScope ForDataset(string dataset) => new(DatasetKey, dataset);

    internal static string? SymbolOf(Dictionary<string, object>? context) =>
        context is not null && context.TryGetValue(SymbolKey, out var value) ? value as string : null;

    internal static string? DatasetOf(Dictionary<string, object>? context) =>
        context is not null && context.TryGetValue(DatasetKey, out var value) ? value as string : null;
}
