using Hive.Trading.Market;

namespace Hive.Trading.Runners;

/// <summary>
/// Builds closed bars of one <see cref="Timeframe"/> from a feed's closed candles. A bar covers
/// [k × size, (k + 1) × size) in epoch milliseconds (UTC-aligned like Binance) and closes with the candle that ends
/// its period. When the data skips the end of a period (a gap), the bar built so far is closed by the first candle of a
/// later period, before that candle counts. A candle as long as the timeframe or longer passes through unchanged.
/// </summary>
internal sealed class BarAggregator(long size)
{
    private bool _open;
    private Candle _bar;

    public long Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "A timeframe must be positive.");

    /// <summary>
    /// Adds a closed candle. <paramref name="earlier"/> is the unfinished bar of an earlier period the candle closed (a
    /// gap), <paramref name="completed"/> the bar this candle completes; each is valid when its flag is set.
    /// </summary>
    public void Add(in Candle candle, out bool hasEarlier, out Candle earlier, out bool hasCompleted, out Candle completed)
    {
        hasEarlier = false;
        earlier = default;
        hasCompleted = false;
        completed = default;
        var start = candle.OpenTime - Mod(candle.OpenTime);
        if (_open && _bar.OpenTime != start)
        {
            hasEarlier = true;
            earlier = _bar;
            _open = false;
        }

        if (candle.CloseTime - candle.OpenTime + 1 >= Size)
        {
            hasCompleted = true;
            completed = candle;
            return;
        }

        if (!_open)
        {
            _bar = new Candle(candle.Symbol, start, start + Size - 1, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);
            _open = true;
        }
        else
        {
            _bar = _bar with
            {
                High = Math.Max(_bar.High, candle.High),
                Low = Math.Min(_bar.Low, candle.Low),
                Close = candle.Close,
                Volume = _bar.Volume + candle.Volume,
            };
        }

        if (candle.CloseTime >= start + Size - 1)
        {
            hasCompleted = true;
            completed = _bar;
            _open = false;
        }
    }

    private long Mod(long time)
    {
        var remainder = time % Size;
        return remainder < 0 ? remainder + Size : remainder;
    }
}
