using System.Runtime.InteropServices;
using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Trading.Indicators;

/// <summary>
/// The indicators one runner's strategy asks for, over that runner's <see cref="CandleWindow"/>. An indicator is
/// created on its first request, warmed by replaying the window's bars oldest to newest, and from then on updated
/// incrementally by <see cref="Update"/> on every closed bar; a repeated request is a lookup (a scan of the few
/// indicators of that kind, or a dictionary on a struct key once there are more than
/// <see cref="ScanLimit"/>; no allocation either way) and never a pass over the window. Each method returns
/// <c>null</c> until its indicator is ready.
/// </summary>
/// <remarks>
/// An indicator first requested after more bars than the window's capacity have passed sees only the bars still in
/// the window: its warm-up starts at the window's oldest bar, so it may need more bars to be ready, and an EMA or a
/// Wilder average started later carries a different seed than one started at the first bar (the difference decays
/// geometrically). Size the window at least as long as the longest period the strategy asks for, or request the
/// indicators before the first bar. Not thread-safe: one runner owns one set.
/// </remarks>
public sealed class IndicatorSet : IIndicatorProvider
{
    /// <summary>Up to this many indicators of one kind a lookup scans a list; beyond it, a dictionary.</summary>
    public const int ScanLimit = 8;

    private readonly CandleWindow _window;
    private readonly Kind<int, SimpleMovingAverage> _smas = new();
    private readonly Kind<int, ExponentialMovingAverage> _emas = new();
    private readonly Kind<int, RelativeStrengthIndex> _rsis = new();
    private readonly Kind<(int Fast, int Slow, int Signal), Macd> _macds = new();
    private readonly Kind<(int Period, double K), BollingerBands> _bollingers = new();
    private readonly Kind<int, AverageTrueRange> _atrs = new();
    private readonly Kind<int, RollingMaximum> _highs = new();
    private readonly Kind<int, RollingMinimum> _lows = new();
    // The window's extremes are tracked from their first request on (warmed from the window then), so a strategy that
    // never reads them does not pay two deque updates per bar.
    private MonotonicWindow? _windowHigh;
    private MonotonicWindow? _windowLow;

    /// <summary>Creates an empty set over <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    public IndicatorSet(CandleWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        _window = window;
    }

    /// <inheritdoc />
    public double? WindowHigh => _window.Count > 0 ? (_windowHigh ??= Extremes(maximum: true)).Current : null;

    /// <inheritdoc />
    public double? WindowLow => _window.Count > 0 ? (_windowLow ??= Extremes(maximum: false)).Current : null;

    /// <summary>The window the set replays to warm new indicators.</summary>
    public CandleWindow Window => _window;

    /// <summary>How many indicators the set keeps updated.</summary>
    public int Count => _smas.Count + _emas.Count + _rsis.Count + _macds.Count + _bollingers.Count + _atrs.Count + _highs.Count + _lows.Count;

    /// <summary>
    /// Feeds a closed bar to every indicator created so far. Call it after adding the bar to the window, once per bar.
    /// O(number of indicators), no allocation.
    /// </summary>
    public void Update(in Candle closedBar)
    {
        var close = closedBar.Close;
        _windowHigh?.Update(closedBar.High);
        _windowLow?.Update(closedBar.Low);
        foreach (var sma in _smas.All)
        {
            sma.Update(close);
        }

        foreach (var ema in _emas.All)
        {
            ema.Update(close);
        }

        foreach (var rsi in _rsis.All)
        {
            rsi.Update(close);
        }

        foreach (var macd in _macds.All)
        {
            macd.Update(close);
        }

        foreach (var bands in _bollingers.All)
        {
            bands.Update(close);
        }

        foreach (var atr in _atrs.All)
        {
            atr.Update(closedBar.High, closedBar.Low, close);
        }

        foreach (var high in _highs.All)
        {
            high.Update(closedBar.High);
        }

        foreach (var low in _lows.All)
        {
            low.Update(closedBar.Low);
        }
    }

    // The extreme of the window's bars, oldest first, as if it had been updated with each of them.
    private MonotonicWindow Extremes(bool maximum)
    {
        var extremes = new MonotonicWindow(_window.Capacity, maximum, "window");
        for (var ago = _window.Count - 1; ago >= 0; ago--)
        {
            extremes.Update(maximum ? _window[ago].High : _window[ago].Low);
        }

        return extremes;
    }

    /// <summary>Drops every indicator; the next requests create and warm them again from the window.</summary>
    public void Clear()
    {
        _smas.Clear();
        _emas.Clear();
        _rsis.Clear();
        _macds.Clear();
        _bollingers.Clear();
        _atrs.Clear();
        _highs.Clear();
        _lows.Clear();
    }

    /// <inheritdoc />
    public double? Sma(int period)
    {
        if (!_smas.TryFind(period, out var sma))
        {
            sma = new SimpleMovingAverage(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                sma.Update(_window[ago].Close);
            }

            _smas.Add(period, sma);
        }

        return sma.IsReady ? sma.Value : null;
    }

    /// <inheritdoc />
    public double? Ema(int period)
    {
        if (!_emas.TryFind(period, out var ema))
        {
            ema = new ExponentialMovingAverage(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                ema.Update(_window[ago].Close);
            }

            _emas.Add(period, ema);
        }

        return ema.IsReady ? ema.Value : null;
    }

    /// <inheritdoc />
    public double? Rsi(int period)
    {
        if (!_rsis.TryFind(period, out var rsi))
        {
            rsi = new RelativeStrengthIndex(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                rsi.Update(_window[ago].Close);
            }

            _rsis.Add(period, rsi);
        }

        return rsi.IsReady ? rsi.Value : null;
    }

    /// <inheritdoc />
    public MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        var key = (fastPeriod, slowPeriod, signalPeriod);
        if (!_macds.TryFind(key, out var macd))
        {
            macd = new Macd(fastPeriod, slowPeriod, signalPeriod);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                macd.Update(_window[ago].Close);
            }

            _macds.Add(key, macd);
        }

        return macd.Current;
    }

    /// <inheritdoc />
    public BollingerValue? Bollinger(int period, double k)
    {
        var key = (period, k);
        if (!_bollingers.TryFind(key, out var bands))
        {
            bands = new BollingerBands(period, k);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                bands.Update(_window[ago].Close);
            }

            _bollingers.Add(key, bands);
        }

        return bands.Current;
    }

    /// <inheritdoc />
    public double? Atr(int period)
    {
        if (!_atrs.TryFind(period, out var atr))
        {
            atr = new AverageTrueRange(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                atr.Update(in _window[ago]);
            }

            _atrs.Add(period, atr);
        }

        return atr.IsReady ? atr.Value : null;
    }

    /// <inheritdoc />
    public double? High(int period)
    {
        if (!_highs.TryFind(period, out var high))
        {
            high = new RollingMaximum(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                high.Update(_window[ago].High);
            }

            _highs.Add(period, high);
        }

        return high.IsReady ? high.Value : null;
    }

    /// <inheritdoc />
    public double? Low(int period)
    {
        if (!_lows.TryFind(period, out var low))
        {
            low = new RollingMinimum(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                low.Update(_window[ago].Low);
            }

            _lows.Add(period, low);
        }

        return low.IsReady ? low.Value : null;
    }

    /// <summary>The indicators of one kind: a list to update in order and to scan, and a dictionary for many.</summary>
    private sealed class Kind<TKey, TIndicator>
        where TKey : struct, IEquatable<TKey>
        where TIndicator : class
    {
        private readonly List<TKey> _keys = [];
        private readonly List<TIndicator> _indicators = [];
        private readonly Dictionary<TKey, TIndicator> _byKey = [];

        public int Count => _indicators.Count;

        public Span<TIndicator> All => CollectionsMarshal.AsSpan(_indicators);

        public bool TryFind(TKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TIndicator? indicator)
        {
            if (_indicators.Count > ScanLimit)
            {
                return _byKey.TryGetValue(key, out indicator);
            }

            var keys = CollectionsMarshal.AsSpan(_keys);
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i].Equals(key))
                {
                    indicator = _indicators[i];
                    return true;
                }
            }

            indicator = null;
            return false;
        }

        public void Add(TKey key, TIndicator indicator)
        {
            _keys.Add(key);
            _indicators.Add(indicator);
            _byKey.Add(key, indicator);
        }

        public void Clear()
        {
            _keys.Clear();
            _indicators.Clear();
            _byKey.Clear();
        }
    }
}
