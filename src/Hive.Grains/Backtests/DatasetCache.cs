using Hive.Grains.Placement;
using Hive.Runtime.Cluster;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;

namespace Hive.Grains.Backtests;

/// <summary>
/// Candle datasets a data silo keeps in memory between backtests, by data spec (<c>PATH</c> or <c>SYMBOL=PATH</c>),
/// the most recently used first, reloaded when the file or folder changed. As an <see cref="ISiloLoadProvider"/> it
/// publishes <c>data:SPEC</c> among the silo's hot datasets, which <see cref="DataPlacementDirector"/> prefers.
/// </summary>
internal sealed class DatasetCache : ISiloLoadProvider
{
    private const int Capacity = 8;

    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<(string Symbol, IReadOnlyList<Candle> Candles)> Load(string spec)
    {
        var stamp = StampOf(spec);
        lock (_lock)
        {
            var index = _entries.FindIndex(e => e.Spec == spec);
            if (index >= 0)
            {
                var hit = _entries[index];
                _entries.RemoveAt(index);
                if (hit.Stamp == stamp)
                {
                    _entries.Insert(0, hit);
                    return hit.Data;
                }
            }
        }

        var data = BacktestInputs.LoadData(spec);
        lock (_lock)
        {
            _entries.RemoveAll(e => e.Spec == spec);
            _entries.Insert(0, new Entry(spec, stamp, data));
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(_entries.Count - 1);
            }
        }

        return data;
    }

    public SiloLoad Complete(SiloLoad load)
    {
        lock (_lock)
        {
            if (_entries.Count == 0)
            {
                return load;
            }

            var datasets = new HashSet<string>(load.HotDatasets, StringComparer.Ordinal);
            foreach (var entry in _entries)
            {
                datasets.Add(PlacementAffinity.DataDataset(entry.Spec));
            }

            return load with { HotDatasets = datasets };
        }
    }

    private static DateTime StampOf(string spec)
    {
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        var path = eq > 0 && spec[..eq].All(char.IsAsciiLetterOrDigit) ? spec[(eq + 1)..] : spec;
        return Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path);
    }

    private sealed record Entry(string Spec, DateTime Stamp, IReadOnlyList<(string Symbol, IReadOnlyList<Candle> Candles)> Data);
}
