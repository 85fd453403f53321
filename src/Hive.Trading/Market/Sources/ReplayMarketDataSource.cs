using System.Runtime.CompilerServices;

namespace Hive.Trading.Market.Sources;

/// <summary>
/// Replays recorded candles of one or more symbols on one clock, merged by close time (ties in the order the
/// symbols were given). <see cref="Speed"/> 0 replays as fast as possible; N &gt; 0 replays at N × real time, waiting
/// on the injected <see cref="TimeProvider"/> so that tests can drive the clock.
/// </summary>
public sealed class ReplayMarketDataSource : IMarketDataSource
{
    private readonly Candle[][] _series;
    private readonly TimeProvider _time;

    /// <summary>Creates the source.</summary>
    /// <param name="candles">Per symbol, its candles in time order.</param>
    /// <param name="speed">0 for as fast as possible, otherwise the multiple of real time (1 = real time, 60 = a minute per second).</param>
    /// <param name="timeProvider">The clock used for waiting; the system clock when <c>null</c>.</param>
    public ReplayMarketDataSource(IReadOnlyDictionary<string, IReadOnlyList<Candle>> candles, double speed = 0, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentOutOfRangeException.ThrowIfNegative(speed);
        if (!double.IsFinite(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Replay speed must be finite.");
        }

        var symbols = new List<string>(candles.Count);
        var series = new List<Candle[]>(candles.Count);
        foreach (var (symbol, list) in candles)
        {
            ArgumentException.ThrowIfNullOrEmpty(symbol);
            ArgumentNullException.ThrowIfNull(list);
            var array = list as Candle[] ?? [.. list];
            CandleMerge.EnsureOrdered(symbol, array);
            symbols.Add(symbol);
            series.Add(array);
        }

        Symbols = symbols;
        _series = [.. series];
        Speed = speed;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>0 for as fast as possible, otherwise the multiple of real time.</summary>
    public double Speed { get; }

    /// <summary>Candles across all symbols.</summary>
    public long Count => _series.Sum(static s => (long)s.Length);

    /// <inheritdoc />
    public async IAsyncEnumerable<MarketEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var merge = new CandleMerge(_series);
        long firstEventTime = 0;
        long startTicks = 0;
        var started = false;
        while (merge.TryNext(out var series, out var index))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candle = _series[series][index];
            if (Speed > 0)
            {
                if (!started)
                {
                    started = true;
                    firstEventTime = candle.CloseTime;
                    startTicks = _time.GetTimestamp();
                }
                else
                {
                    var due = TimeSpan.FromMilliseconds((candle.CloseTime - firstEventTime) / Speed);
                    var wait = due - _time.GetElapsedTime(startTicks);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            yield return MarketEvent.FromCandle(candle);
        }
    }
}
