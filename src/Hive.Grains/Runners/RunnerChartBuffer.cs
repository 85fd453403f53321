using Hive.Trading.Market;
using Hive.Trading.Runners;

namespace Hive.Grains.Runners;

/// <summary>
/// The recent history a live chart of one runner needs, kept in fixed rings so that a runner trading for weeks holds
/// no more than <see cref="CandleCapacity"/> candles and equity points and <see cref="MarkerCapacity"/> markers.
/// Recording a closed candle copies one struct into each ring; markers come only with signals and fills.
/// </summary>
internal sealed class RunnerChartBuffer
{
    public const int CandleCapacity = 500;
    public const int MarkerCapacity = 200;

    private readonly ChartCandle[] _candles = new ChartCandle[CandleCapacity];
    private readonly ChartPoint[] _equity = new ChartPoint[CandleCapacity];
    private readonly ChartMarker[] _markers = new ChartMarker[MarkerCapacity];
    private long _candleCount;
    private long _markerCount;
    private int _signalsSeen;
    private decimal _quantity;

    /// <summary>Starts at <paramref name="core"/>'s present: its earlier signals and its open position are not marked again.</summary>
    public void Attach(RunnerCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _signalsSeen = core.Signals.Count;
        _quantity = core.Portfolio.Quantity;
    }

    /// <summary>Records what <paramref name="item"/> changed: a closed candle with the equity after it, new signals, fills.</summary>
    public void Record(in MarketEvent item, RunnerCore core, RunnerEvents events)
    {
        if (item.Kind == MarketEventKind.Candle && item.Candle.IsClosed)
        {
            var c = item.Candle;
            var slot = (int)(_candleCount++ % CandleCapacity);
            _candles[slot] = new ChartCandle(c.OpenTime, c.Open, c.High, c.Low, c.Close);
            _equity[slot] = new ChartPoint(c.OpenTime, (double)core.Equity);
        }

        if (events == RunnerEvents.None)
        {
            return;
        }

        var signals = core.Signals;
        for (; _signalsSeen < signals.Count; _signalsSeen++)
        {
            var signal = signals[_signalsSeen];
            if (signal.Kind is "opportunity" or "cancel_analysis")
            {
                Mark(signal.Timestamp, ChartMarkerKind.Signal, signal.Price, signal.Detail is null ? signal.Kind : $"{signal.Kind}: {signal.Detail}");
            }
            else if (signal.Kind == "stopped")
            {
                Mark(signal.Timestamp, ChartMarkerKind.Stop, signal.Price, signal.Detail ?? "stopped");
            }
        }

        var quantity = core.Portfolio.Quantity;
        if (quantity != _quantity)
        {
            var closing = Math.Abs(quantity) < Math.Abs(_quantity) || Math.Sign(quantity) != Math.Sign(_quantity) && _quantity != 0;
            var kind = !closing ? ChartMarkerKind.Entry : (events & RunnerEvents.ProtectiveExit) != 0 ? ChartMarkerKind.Stop : ChartMarkerKind.Exit;
            Mark(core.LastTimestamp, kind, core.LastPrice, $"{(quantity > _quantity ? "buy" : "sell")} {Math.Abs(quantity - _quantity)}");
            _quantity = quantity;
        }
    }

    /// <summary>
    /// Candles and equity points after <paramref name="afterTime"/> (all kept when 0) and markers after sequence
    /// <paramref name="afterMarker"/>, oldest first.
    /// </summary>
    public (ChartCandle[] Candles, ChartPoint[] Equity, ChartMarker[] Markers) After(long afterTime, long afterMarker)
    {
        var kept = (int)Math.Min(_candleCount, CandleCapacity);
        var candles = new List<ChartCandle>();
        var equity = new List<ChartPoint>();
        for (var i = _candleCount - kept; i < _candleCount; i++)
        {
            var slot = (int)(i % CandleCapacity);
            if (afterTime <= 0 || _candles[slot].Time > afterTime)
            {
                candles.Add(_candles[slot]);
                equity.Add(_equity[slot]);
            }
        }

        var first = Math.Max(afterMarker + 1, _markerCount - MarkerCapacity + 1);
        var markers = new List<ChartMarker>();
        for (var s = first; s <= _markerCount; s++)
        {
            markers.Add(_markers[(int)(s % MarkerCapacity)]);
        }

        return ([.. candles], [.. equity], [.. markers]);
    }

    private void Mark(long time, ChartMarkerKind kind, double price, string text)
    {
        var sequence = ++_markerCount;
        _markers[(int)(sequence % MarkerCapacity)] = new ChartMarker(sequence, time, kind, double.IsFinite(price) ? price : 0, text);
    }
}
