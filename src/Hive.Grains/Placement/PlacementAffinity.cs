using Hive.Runtime;

namespace Hive.Grains.Placement;

/// <summary>
/// Tells the placement directors what a grain about to be activated works on, through <see cref="RequestContext"/>
/// (the runtime hands directors only the grain ID, and a runner's key is its runner ID, not its symbol). The runner
/// registry sets the symbol around its calls to a runner; a market feed sets it around its publications, so a runner
/// reactivated by a stream event lands next to the feed; a backtest's caller sets the dataset (<see cref="DataDataset"/> of its first data spec) so that it runs where the data is in memory already.
/// </summary>
public static class PlacementAffinity
{
    /// <summary>The <see cref="RequestContext"/> key holding the symbol of the grain being placed.</summary>
    public const string SymbolKey = "hive.affinity.symbol";

    /// <summary>The <see cref="RequestContext"/> key holding the dataset a data grain needs.</summary>
    public const string DatasetKey = "hive.affinity.dataset";

    /// <summary>The hot-dataset name a silo publishes while it hosts the market feed of <paramref name="symbol"/>.</summary>
    public static string FeedDataset(string symbol) => "feed:" + symbol;

    /// <summary>The hot-dataset name a data silo publishes while it keeps the candles of data spec <paramref name="spec"/> in memory.</summary>
    public static string DataDataset(string spec) => "data:" + spec;

    /// <summary>Sets the symbol for calls made in the current flow until the scope is disposed.</summary>
    public static PlacementAffinityScope ForSymbol(string symbol) => new(SymbolKey, symbol);

    /// <summary>Sets the dataset for calls made in the current flow until the scope is disposed.</summary>
    public static PlacementAffinityScope ForDataset(string dataset) => new(DatasetKey, dataset);

    /// <summary>The symbol set in the current flow, or null.</summary>
    public static string? CurrentSymbol => RequestContext.Get(SymbolKey);

    /// <summary>The dataset set in the current flow, or null.</summary>
    public static string? CurrentDataset => RequestContext.Get(DatasetKey);
}
