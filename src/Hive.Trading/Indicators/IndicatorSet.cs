using Hive.Trading.Market;
using Hive.Trading.Strategies;

namespace Hive.Trading.Indicators;

/// <summary>
/// The indicators one runner's strategy asks for, over that runner's <see cref="CandleWindow"/>. An indicator is
/// created on its first request, warmed by replaying the window's bars oldest to newest, and from then on updated
/// incrementally by <see cref="Update"/> on every closed bar; a repeated request is a dictionary lookup on a struct
/// key (no allocation) and never a pass over the window. Each method returns <c>null</c> until its indicator is ready.
/// </summary>
/// <remarks>
/// An indicator first requested after more bars than the window's capacity have passed sees only the bars still in
/// the window: its warm-up starts at the window's oldest bar, so it may need more bars to be ready, and an EMA or a
/// Wilder average started later carries a different seed than one started at the first bar (the difference decays
/// geometrically). Size the window at least as long as the longest period the strategy asks for. Not thread-safe: one
/// runner owns one set.
/// </remarks>
public sealed class IndicatorSet : IIndicatorProvider
{
    private readonly CandleWindow _window;
    private readonly Dictionary<int, SimpleMovingAverage> _smaByPeriod = [];
    private readonly Dictionary<int, ExponentialMovingAverage> _emaByPeriod = [];
    private readonly Dictionary<int, RelativeStrengthIndex> _rsiByPeriod = [];
    private readonly Dictionary<(int Fast, int Slow, int Signal), Macd> _macdByPeriods = [];
    private readonly Dictionary<(int Period, double K), BollingerBands> _bollingerByParameters = [];
    private readonly Dictionary<int, AverageTrueRange> _atrByPeriod = [];
    private readonly Dictionary<int, RollingMaximum> _highByPeriod = [];
    private readonly Dictionary<int, RollingMinimum> _lowByPeriod = [];
    private readonly List<SimpleMovingAverage> _smas = [];
    private readonly List<ExponentialMovingAverage> _emas = [];
    private readonly List<RelativeStrengthIndex> _rsis = [];
    private readonly List<Macd> _macds = [];
    private readonly List<BollingerBands> _bollingers = [];
    private readonly List<AverageTrueRange> _atrs = [];
    private readonly List<RollingMaximum> _highs = [];
    private readonly List<RollingMinimum> _lows = [];

    /// <summary>Creates an empty set over <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    public IndicatorSet(CandleWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        _window = window;
    }

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
        foreach (var sma in _smas)
        {
            sma.Update(close);
        }

        foreach (var ema in _emas)
        {
            ema.Update(close);
        }

        foreach (var rsi in _rsis)
        {
            rsi.Update(close);
        }

        foreach (var macd in _macds)
        {
            macd.Update(close);
        }

        foreach (var bands in _bollingers)
        {
            bands.Update(close);
        }

        foreach (var atr in _atrs)
        {
            atr.Update(closedBar.High, closedBar.Low, close);
        }

        foreach (var high in _highs)
        {
            high.Update(closedBar.High);
        }

        foreach (var low in _lows)
        {
            low.Update(closedBar.Low);
        }
    }

    /// <summary>Drops every indicator; the next requests create and warm them again from the window.</summary>
    public void Clear()
    {
        _smaByPeriod.Clear();
        _emaByPeriod.Clear();
        _rsiByPeriod.Clear();
        _macdByPeriods.Clear();
        _bollingerByParameters.Clear();
        _atrByPeriod.Clear();
        _highByPeriod.Clear();
        _lowByPeriod.Clear();
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
        if (!_smaByPeriod.TryGetValue(period, out var sma))
        {
            sma = new SimpleMovingAverage(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                sma.Update(_window[ago].Close);
            }

            _smaByPeriod.Add(period, sma);
            _smas.Add(sma);
        }

        return sma.IsReady ? sma.Value : null;
    }

    /// <inheritdoc />
    public double? Ema(int period)
    {
        if (!_emaByPeriod.TryGetValue(period, out var ema))
        {
            ema = new ExponentialMovingAverage(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                ema.Update(_window[ago].Close);
            }

            _emaByPeriod.Add(period, ema);
            _emas.Add(ema);
        }

        return ema.IsReady ? ema.Value : null;
    }

    /// <inheritdoc />
    public double? Rsi(int period)
    {
        if (!_rsiByPeriod.TryGetValue(period, out var rsi))
        {
            rsi = new RelativeStrengthIndex(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                rsi.Update(_window[ago].Close);
            }

            _rsiByPeriod.Add(period, rsi);
            _rsis.Add(rsi);
        }

        return rsi.IsReady ? rsi.Value : null;
    }

    /// <inheritdoc />
    public MacdValue? Macd(int fastPeriod, int slowPeriod, int signalPeriod)
    {
        var key = (fastPeriod, slowPeriod, signalPeriod);
        if (!_macdByPeriods.TryGetValue(key, out var macd))
        {
            macd = new Macd(fastPeriod, slowPeriod, signalPeriod);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                macd.Update(_window[ago].Close);
            }

            _macdByPeriods.Add(key, macd);
            _macds.Add(macd);
        }

        return macd.IsReady ? new MacdValue(macd.Line, macd.Signal, macd.Histogram) : null;
    }

    /// <inheritdoc />
    public BollingerValue? Bollinger(int period, double k)
    {
        var key = (period, k);
        if (!_bollingerByParameters.TryGetValue(key, out var bands))
        {
            bands = new BollingerBands(period, k);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                bands.Update(_window[ago].Close);
            }

            _bollingerByParameters.Add(key, bands);
            _bollingers.Add(bands);
        }

        return bands.IsReady ? new BollingerValue(bands.Upper, bands.Middle, bands.Lower, bands.Bandwidth, bands.PercentB) : null;
    }

    /// <inheritdoc />
    public double? Atr(int period)
    {
        if (!_atrByPeriod.TryGetValue(period, out var atr))
        {
            atr = new AverageTrueRange(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                atr.Update(in _window[ago]);
            }

            _atrByPeriod.Add(period, atr);
            _atrs.Add(atr);
        }

        return atr.IsReady ? atr.Value : null;
    }

    /// <inheritdoc />
    public double? High(int period)
    {
        if (!_highByPeriod.TryGetValue(period, out var high))
        {
            high = new RollingMaximum(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                high.Update(_window[ago].High);
            }

            _highByPeriod.Add(period, high);
            _highs.Add(high);
        }

        return high.IsReady ? high.Value : null;
    }

    /// <inheritdoc />
    public double? Low(int period)
    {
        if (!_lowByPeriod.TryGetValue(period, out var low))
        {
            low = new RollingMinimum(period);
            for (var ago = _window.Count - 1; ago >= 0; ago--)
            {
                low.Update(_window[ago].Low);
            }

            _lowByPeriod.Add(period, low);
            _lows.Add(low);
        }

        return low.IsReady ? low.Value : null;
    }
}
