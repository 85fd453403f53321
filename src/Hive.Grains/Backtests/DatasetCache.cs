using Hive.Grains.Placement;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;

namespace Hive.Grains.Backtests;

/// <summary>
/// Candle datasets a data silo keeps in memory between backtests, by data spec (<c>PATH</c> or <c>SYMBOL=PATH</c>),
/// the most recently used first, reloaded when the file or folder changed. The backtest grain reports what it holds to
/// the <see cref="IDatasetDirectoryGrain"/>, which <see cref="DataPlacementDirector"/> reads.
/// </summary>
internal sealed class DatasetCache
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

    /// <summary>The datasets held now, as <see cref="PlacementAffinity.DataDataset"/> names.</summary>
    public string[] Datasets()
    {
        lock (_lock)
        {
            return [.. _entries.Select(e => PlacementAffinity.DataDataset(e.Spec))];
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
