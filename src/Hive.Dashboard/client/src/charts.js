// Chart setup shared by the runner and backtest pages (TradingView lightweight-charts, bundled; no CDN).
import { createChart, CandlestickSeries, LineSeries, createSeriesMarkers, ColorType } from 'lightweight-charts';

const base = {
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: '#ffffff' }, textColor: '#1f2937' },
  grid: { vertLines: { color: '#f1f5f9' }, horzLines: { color: '#f1f5f9' } },
  timeScale: { timeVisible: true, secondsVisible: false },
  rightPriceScale: { borderColor: '#e5e7eb' },
};

export function candleChart(container) {
  const chart = createChart(container, base);
  const series = chart.addSeries(CandlestickSeries, {
    upColor: '#16a34a', downColor: '#dc2626', borderVisible: false, wickUpColor: '#16a34a', wickDownColor: '#dc2626',
  });
  return { chart, series, markers: createSeriesMarkers(series, []) };
}

export function lineChart(container, color = '#2563eb') {
  const chart = createChart(container, base);
  const series = chart.addSeries(LineSeries, { color, lineWidth: 2, priceLineVisible: false });
  return { chart, series };
}

const markerStyle = {
  entry: { position: 'belowBar', shape: 'arrowUp', color: '#16a34a' },
  exit: { position: 'aboveBar', shape: 'arrowDown', color: '#2563eb' },
  stop: { position: 'aboveBar', shape: 'square', color: '#dc2626' },
  signal: { position: 'belowBar', shape: 'circle', color: '#9333ea' },
};

// A chart marker at the candle the event fell in (markers sit on bars); null when it is older than the first candle.
export function toMarker(m, times) {
  let lo = 0;
  let hi = times.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= m.time) {
      at = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (at < 0) return null;
  const style = markerStyle[m.kind] ?? markerStyle.signal;
  return { time: times[at], ...style, text: m.kind === 'signal' ? '' : m.kind, id: String(m.sequence) };
}

// Keeps a series' points by time and draws new ones incrementally. lightweight-charts' update() takes only the newest
// point or a newer one, so any point older than the newest (a correction of a drawn one, or the full chart fetched on
// connecting arriving after live updates) redraws the whole series instead.
export class SeriesBuffer {
  constructor(series, limit = 2000) {
    this.series = series;
    this.points = new Map();
    this.limit = limit;
    this.last = -Infinity;
  }

  merge(items) {
    let rewrite = false;
    const fresh = [];
    for (const p of items) {
      if (p.time < this.last) rewrite = true;
      this.points.set(p.time, p);
      fresh.push(p);
    }
    if (this.points.size > this.limit) {
      const keep = [...this.points.keys()].sort((a, b) => a - b).slice(-this.limit);
      this.points = new Map(keep.map((t) => [t, this.points.get(t)]));
      rewrite = true;
    }
    if (rewrite) {
      this.series.setData(this.sorted());
    } else {
      for (const p of fresh.sort((a, b) => a.time - b.time)) this.series.update(p);
    }
    if (this.points.size > 0) this.last = Math.max(this.last, ...fresh.map((p) => p.time));
  }

  times() {
    return [...this.points.keys()].sort((a, b) => a - b);
  }

  sorted() {
    return this.times().map((t) => this.points.get(t));
  }
}
