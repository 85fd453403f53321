import { getJson } from '../api.js';
import { live, showError } from '../live.js';
import { candleChart, lineChart, SeriesBuffer, toMarker } from '../charts.js';
import { h, fixed, signed, pnlClass, enumName, duration, num } from '../dom.js';
import { actionButtons, positionText, stateText } from './runners.js';

export function runnerPage(app, id) {
  const state = h('strong', { testid: 'runner-state' }, '…');
  const facts = h('dl', { class: 'counts' });
  const lastBar = h('time', { testid: 'chart-last-bar' }, '–');
  const markerCount = h('span', { testid: 'marker-count' }, '0');
  const priceBox = h('div', { class: 'chart', testid: 'price-chart' });
  const equityBox = h('div', { class: 'chart small', testid: 'equity-chart' });

  app.replaceChildren(
    h('h1', {}, 'Runner ', h('span', { class: 'id' }, id)),
    h('section', { class: 'panel' },
      h('p', {}, 'State: ', state, ' ', actionButtons(id, (r) => (r ? showRunner(r) : (location.href = '/runners')))),
      facts),
    h('section', { class: 'panel' },
      h('h2', {}, 'Price'),
      h('p', { class: 'muted' }, 'Newest candle ', lastBar, ' · markers ', markerCount,
        ' · ▲ entry · ▼ exit · ■ stop · ● signal'),
      priceBox),
    h('section', { class: 'panel' }, h('h2', {}, 'Equity'), equityBox));

  const price = candleChart(priceBox);
  const equity = lineChart(equityBox);
  const candles = new SeriesBuffer(price.series);
  const points = new SeriesBuffer(equity.series);
  const markers = new Map();

  function showRunner(r) {
    state.textContent = stateText(r);
    state.className = `state ${stateText(r)}`;
    const rows = [
      ['Symbol', r.symbol], ['Strategy', r.strategy], ['Position', positionText(r)],
      ['Realized P&L', signed(r.realizedPnl), pnlClass(r.realizedPnl)], ['Unrealized P&L', signed(r.unrealizedPnl), pnlClass(r.unrealizedPnl)],
      ['Equity', fixed(r.equity)], ['Trades', r.trades ?? 0],
      ['Orders filled / denied / fenced', `${r.ordersFilled ?? 0} / ${r.ordersDenied ?? 0} / ${r.ordersFenced ?? 0}`],
      ['Health', enumName(r.health, 'RUNNER_HEALTH_')], ['Bars', num(r.barsProcessed).toLocaleString()],
      ['Uptime', num(r.startedAtMs) > 0 ? duration(Date.now() - num(r.startedAtMs)) : '–'],
      ['Silo', r.silo], ['Deployment', `epoch ${r.deploymentEpoch} (${r.deploymentActivation || '–'})`],
      ['Stopped', r.stoppedReason || '–'], ['Last error', r.lastError || '–'],
    ];
    facts.replaceChildren(...rows.flatMap(([k, v, cls]) => [h('dt', {}, k), h('dd', { class: cls || '' }, String(v))]));
  }

  function apply(data) {
    showRunner(data.runner);
    const chart = data.chart;
    if (chart.candles.length > 0) {
      candles.merge(chart.candles);
      points.merge(chart.equity);
    }
    for (const m of chart.markers) markers.set(`${chart.activation}:${m.sequence}`, m);
    const times = candles.times();
    const drawn = [...markers.values()].map((m) => toMarker(m, times)).filter((m) => m !== null).sort((a, b) => a.time - b.time);
    price.markers.setMarkers(drawn);
    markerCount.textContent = String(drawn.length);
    if (times.length > 0) {
      const newest = new Date(times[times.length - 1] * 1000).toISOString();
      lastBar.dateTime = newest;
      lastBar.textContent = newest;
    }
  }

  // The stream sends what changed since its previous update; the whole kept chart comes from /api once connected.
  live(`/events/runners/${encodeURIComponent(id)}`, apply, async () => {
    try {
      apply(await getJson(`/api/runners/${encodeURIComponent(id)}`));
    } catch (error) {
      showError(error.message);
    }
  });
}
