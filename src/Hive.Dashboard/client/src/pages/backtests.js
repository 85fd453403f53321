import { post } from '../api.js';
import { live, showError } from '../live.js';
import { h, syncRows, enumName, num } from '../dom.js';

export function backtestsPage(app) {
  const generate = h('input', { type: 'text', name: 'generate', testid: 'backtest-generate', value: 'BTCUSDT:5000:7', required: true, 'aria-label': 'generated data' });
  const runner = h('input', { type: 'text', name: 'runner', testid: 'backtest-runner', value: 'bt1:BTCUSDT:ema-cross', required: true, 'aria-label': 'runner spec', size: 60 });
  const equity = h('input', { type: 'text', name: 'initialEquity', placeholder: '10000', 'aria-label': 'initial equity', size: 8 });
  const submitted = h('p', { class: 'muted', testid: 'backtest-submitted' });
  const tbody = h('tbody');

  const form = h('form', { testid: 'backtest-form', class: 'panel' },
    h('h2', {}, 'Submit a backtest'),
    h('label', {}, 'Generated data (SYMBOL:BARS:SEED) ', generate),
    h('label', {}, 'Runner (as hive backtest --runner) ', runner),
    h('label', {}, 'Initial equity ', equity),
    h('button', { type: 'submit', testid: 'backtest-submit' }, 'Run'),
    submitted);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const { id } = await post('/api/backtests', { generate: generate.value, runner: runner.value, initialEquity: equity.value });
      submitted.replaceChildren('Submitted ', h('a', { href: `/backtests/${encodeURIComponent(id)}` }, id));
    } catch (error) {
      showError(error.message);
    } finally {
      button.disabled = false;
    }
  });

  app.replaceChildren(
    h('h1', {}, 'Backtests'),
    form,
    h('section', { class: 'panel' },
      h('h2', {}, 'Submitted here'),
      h('table', { class: 'grid', testid: 'backtests-table' },
        h('thead', {}, h('tr', {}, ['Backtest', 'Status', 'Progress', 'Silo', 'Error'].map((c) => h('th', {}, c)))), tbody)));

  live('/events/backtests', (data) => {
    syncRows(tbody, data.backtests ?? [], (b) => b.id, (b) => {
      const total = num(b.totalBars);
      const done = num(b.barsProcessed);
      return h('tr', { testid: 'backtest-row', 'data-backtest-id': b.id },
        h('td', {}, h('a', { href: `/backtests/${encodeURIComponent(b.id)}`, testid: 'backtest-link' }, b.id)),
        h('td', { testid: 'backtest-status' }, enumName(b.state, 'BACKTEST_STATE_')),
        h('td', { class: 'num' }, total > 0 ? `${Math.floor((100 * done) / total)} % (${done.toLocaleString()} / ${total.toLocaleString()})` : done.toLocaleString()),
        h('td', {}, b.silo),
        h('td', { class: 'error' }, b.error || ''));
    });
  });
}
