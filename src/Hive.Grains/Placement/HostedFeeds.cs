using System.Collections.Concurrent;
using Hive.Runtime.Cluster;

namespace Hive.Grains.Placement;

/// <summary>
/// The market feeds active on this silo. As an <see cref="ISiloLoadProvider"/> it adds <c>feed:SYMBOL</c> to the
/// silo's hot datasets, which is how other silos' placement directors learn where a symbol's feed runs.
/// </summary>
internal sealed class HostedFeeds : ISiloLoadProvider
{
    private readonly ConcurrentDictionary<string, byte> _symbols = new(StringComparer.Ordinal);

    public void Add(string symbol) => _symbols[symbol] = 0;

    public void Remove(string symbol) => _symbols.TryRemove(symbol, out _);

    public bool Contains(string symbol) => _symbols.ContainsKey(symbol);

    public SiloLoad Complete(SiloLoad load)
    {
        if (_symbols.IsEmpty)
        {
            return load;
        }

        var datasets = new HashSet<string>(load.HotDatasets, StringComparer.Ordinal);
        foreach (var symbol in _symbols.Keys)
        {
            datasets.Add(PlacementAffinity.FeedDataset(symbol));
        }

        return load with { HotDatasets = datasets };
    }
}
