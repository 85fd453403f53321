import { post } from '../api.js';
import { live, showError } from '../live.js';
import { h, fixed, signed, pnlClass, duration, enumName, syncRows, num } from '../dom.js';

// What an operator reads as the runner's state: "paused" while paused, else the state machine's state.
export const stateText = (r) => (enumName(r.health, 'RUNNER_HEALTH_') === 'paused' ? 'paused' : enumName(r.state, 'RUNNER_STATE_'));

export function positionText(r) {
  const q = num(r.position);
  return q === 0 ? 'flat' : `${r.position} @ ${fixed(r.entryPrice)}`;
}

// The four control buttons; onDone gets the runner as the action left it (or null when removed).
export function actionButtons(id, onDone) {
  const act = (action) => async (e) => {
    const button = e.currentTarget;
    button.disabled = true;
    try {
      const result = await post(`/api/runners/${encodeURIComponent(id)}/${action}`);
      onDone(action === 'remove' ? null : result);
    } catch (error) {
      showError(`${action} ${id}: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  };
  return h('span', { class: 'actions' },
    h('button', { type: 'button', testid: 'runner-pause', onclick: act('pause') }, 'Pause'),
    h('button', { type: 'button', testid: 'runner-resume', onclick: act('resume') }, 'Resume'),
    h('button', { type: 'button', testid: 'runner-restart', onclick: act('restart') }, 'Restart'),
    h('button', { type: 'button', testid: 'runner-remove', class: 'danger', onclick: act('remove') }, 'Remove'));
}

const columns = ['Runner', 'Symbol', 'Strategy', 'State', 'Position', 'Realized', 'Unrealized', 'Trades', 'Filled / denied / fenced', 'Health', 'Uptime', 'Silo', ''];

function fill(row, r) {
  const set = (name, text, cls) => {
    const cell = row.querySelector(`[data-cell="${name}"]`);
    cell.textContent = text;
    if (cls !== undefined) cell.className = cls;
  };
  row.dataset.runnerId = r.id;
  set('state', stateText(r), `state ${stateText(r)}`);
  set('symbol', r.symbol);
  set('strategy', r.strategy);
  set('position', positionText(r));
  set('pnl', signed(r.realizedPnl), `num ${pnlClass(r.realizedPnl)}`);
  set('unrealized', signed(r.unrealizedPnl), `num ${pnlClass(r.unrealizedPnl)}`);
  set('trades', String(r.trades ?? 0));
  set('orders', `${r.ordersFilled ?? 0} / ${r.ordersDenied ?? 0} / ${r.ordersFenced ?? 0}`);
  set('health', enumName(r.health, 'RUNNER_HEALTH_'), `health ${enumName(r.health, 'RUNNER_HEALTH_')}`);
  set('uptime', num(r.startedAtMs) > 0 ? duration(Date.now() - num(r.startedAtMs)) : '–');
  set('silo', r.silo);
  row.title = r.lastError || r.stoppedReason || '';
}

export function runnersPage(app) {
  const tbody = h('tbody');
  const empty = h('p', { class: 'muted', hidden: true }, 'No runners. Add some with hive runner add or a runners file.');
  app.replaceChildren(
    h('h1', {}, 'Runners'),
    h('div', { class: 'scroll' },
      h('table', { testid: 'runners-table', class: 'grid' }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c)))), tbody)),
    empty);

  let runners = [];
  const render = () => {
    empty.hidden = runners.length > 0;
    syncRows(tbody, runners, (r) => r.id, (r, row) => {
      if (!row) {
        const cell = (name, cls, testid) => h('td', { 'data-cell': name, class: cls, testid });
        row = h('tr', { testid: 'runner-row' },
          h('td', {}, h('a', { href: `/runners/${encodeURIComponent(r.id)}`, testid: 'runner-link' }, r.id)),
          cell('symbol'), cell('strategy'), cell('state', '', 'runner-state'), cell('position', 'num', 'runner-position'),
          cell('pnl', 'num', 'runner-pnl'), cell('unrealized', 'num', 'runner-unrealized'), cell('trades', 'num', 'runner-trades'),
          cell('orders', 'num', 'runner-orders'), cell('health', '', 'runner-health'), cell('uptime', 'num'), cell('silo'),
          h('td', {}, actionButtons(r.id, (updated) => {
            runners = updated ? runners.map((x) => (x.id === updated.id ? updated : x)) : runners.filter((x) => x.id !== r.id);
            render();
          })));
      }
      fill(row, r);
      return row;
    });
  };

  live('/events/runners', (data) => {
    runners = data.runners ?? [];
    render();
  });
}
