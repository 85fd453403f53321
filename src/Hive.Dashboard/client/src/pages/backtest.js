import { live } from '../live.js';
import { lineChart } from '../charts.js';
import { h, enumName, num, fixed, signed, pnlClass, duration } from '../dom.js';

// report.json stores times as deltas from the previous value: back to absolute times.
function accumulate(deltas) {
  let t = 0;
  return (deltas ?? []).map((d) => (t += d));
}

function curve(equity) {
  const times = accumulate(equity?.time);
  const points = [];
  let last = -Infinity;
  times.forEach((t, i) => {
    const s = Math.floor(t / 1000);
    if (s > last) {
      points.push({ time: s, value: equity.equity[i] });
      last = s;
    } else if (points.length > 0) {
      points[points.length - 1].value = equity.equity[i];
    }
  });
  return points;
}

const percent = (v) => `${(num(v) * 100).toFixed(2)} %`;

export function backtestPage(app, id) {
  const status = h('strong', { testid: 'backtest-status' }, '…');
  const progress = h('span', { class: 'muted' });
  const report = h('section', { testid: 'backtest-report', class: 'panel', hidden: true });
  app.replaceChildren(h('h1', {}, 'Backtest ', h('span', { class: 'id' }, id)), h('p', {}, 'Status: ', status, ' ', progress), report);

  let drawn = false;
  live(`/events/backtests/${encodeURIComponent(id)}`, (data) => {
    const p = data.progress;
    status.textContent = enumName(p.state, 'BACKTEST_STATE_');
    const total = num(p.totalBars);
    progress.textContent = `${num(p.barsProcessed).toLocaleString()}${total > 0 ? ` of ${total.toLocaleString()}` : ''} bars · ${p.silo}${p.error ? ` · ${p.error}` : ''}`;
    if (data.report && !drawn) {
      drawn = true;
      drawReport(report, data.report);
    }
  });
}

function drawReport(section, report) {
  section.hidden = false;
  const total = report.total ?? {};
  const metrics = [
    ['total-return', 'Total return', percent(total.totalReturn)], ['cagr', 'CAGR', percent(total.cagr)],
    ['sharpe', 'Sharpe', fixed(total.sharpe)], ['sortino', 'Sortino', fixed(total.sortino)],
    ['max-drawdown', 'Max drawdown', percent(total.maxDrawdown)], ['trades', 'Trades', String(total.tradeCount ?? 0)],
    ['win-rate', 'Win rate', percent(total.winRate)], ['profit-factor', 'Profit factor', fixed(total.profitFactor)],
    ['net-profit', 'Net profit', signed(total.netProfit)], ['fees', 'Fees', fixed(total.totalFees)],
    ['final-equity', 'Final equity', fixed(total.finalEquity)],
  ];
  const chartBox = h('div', { class: 'chart small', testid: 'backtest-equity-chart' });
  const trades = h('tbody');
  for (const runner of report.runners ?? []) {
    let entry = 0;
    for (const row of runner.trades ?? []) {
      const [side, quantity, entryDelta, entryPrice, durationMs, exitPrice, fees, pnl, exitReason] = row;
      entry += entryDelta;
      trades.append(h('tr', { testid: 'trade-row' },
        h('td', {}, runner.runnerId), h('td', {}, side), h('td', { class: 'num' }, String(quantity)),
        h('td', {}, new Date(entry).toISOString().replace('.000Z', 'Z')), h('td', { class: 'num' }, fixed(entryPrice)),
        h('td', { class: 'num' }, fixed(exitPrice)), h('td', { class: 'num' }, duration(durationMs)),
        h('td', { class: 'num' }, fixed(fees)), h('td', { class: `num ${pnlClass(pnl)}` }, signed(pnl)), h('td', {}, exitReason)));
    }
  }

  section.replaceChildren(
    h('h2', {}, 'Report'),
    h('p', { class: 'muted' }, `${num(report.bars).toLocaleString()} bars · ${(report.runners ?? []).length} runners · ${new Date(num(report.startTime)).toISOString()} → ${new Date(num(report.endTime)).toISOString()}`),
    h('dl', { class: 'counts' }, metrics.flatMap(([name, label, value]) => [h('dt', {}, label), h('dd', { testid: 'backtest-metric', 'data-name': name }, value)])),
    h('h3', {}, 'Equity'),
    chartBox,
    h('h3', {}, 'Trades'),
    h('table', { class: 'grid', testid: 'trades-table' },
      h('thead', {}, h('tr', {}, ['Runner', 'Side', 'Quantity', 'Entry', 'Entry price', 'Exit price', 'Held', 'Fees', 'P&L', 'Exit'].map((c) => h('th', {}, c)))),
      trades));
  const chart = lineChart(chartBox);
  chart.series.setData(curve(report.totalEquity));
  chart.chart.timeScale().fitContent();
}
