import { post } from '../api.js';
import { live, showError } from '../live.js';
import { h, syncRows, enumName } from '../dom.js';

export function gatewayPage(app) {
  const state = h('strong', { testid: 'kill-switch-state' }, '…');
  const reasonText = h('span', { class: 'muted' });
  const reason = h('input', { type: 'text', placeholder: 'why (recorded in the ledger)', 'aria-label': 'reason' });
  const counts = h('dl', { class: 'counts' });
  const deployments = h('tbody');
  const fenced = h('ul', { class: 'fenced' });

  let current;
  const show = (g) => {
    current = g;
    const level = enumName(g.killSwitch, 'KILL_SWITCH_LEVEL_');
    state.textContent = level === 'off' || level === 'unspecified' ? 'released' : 'engaged';
    state.className = state.textContent;
    reasonText.textContent = g.killSwitchReason ? ` (${level}: ${g.killSwitchReason})` : '';
    counts.replaceChildren(...[
      ['Account', g.account], ['Gateway epoch', g.gatewayEpoch], ['Authoritative', g.authoritative ? 'yes' : 'no'],
      ['Filled', g.ordersFilled], ['Denied', g.ordersDenied], ['Fenced', g.ordersFenced], ['Rejected', g.ordersRejected],
      ['Duplicates absorbed', g.duplicatesAbsorbed],
    ].flatMap(([k, v]) => [h('dt', {}, k), h('dd', { testid: `gateway-${k.toLowerCase().replaceAll(' ', '-')}` }, String(v ?? ''))]));
    syncRows(deployments, g.deployments ?? [], (d) => d.runnerId, (d) => h('tr', { testid: 'deployment-row' },
      h('td', {}, h('a', { href: `/runners/${encodeURIComponent(d.runnerId)}` }, d.runnerId)),
      h('td', { class: 'num', testid: 'deployment-epoch' }, String(d.epoch)),
      h('td', {}, d.activation)));
    fenced.replaceChildren(...(g.recentFenced ?? []).map((f) => h('li', { testid: 'fenced-order' }, f)));
  };

  const set = (engaged) => async (e) => {
    e.currentTarget.disabled = true;
    try {
      show(await post('/api/gateway/kill-switch', { engaged, reason: reason.value }));
    } catch (error) {
      showError(error.message);
    } finally {
      e.currentTarget.disabled = false;
    }
  };

  app.replaceChildren(
    h('h1', {}, 'Gateway'),
    h('section', { class: 'panel' },
      h('h2', {}, 'Kill switch'),
      h('p', {}, 'Kill switch: ', state, reasonText),
      reason,
      h('button', { type: 'button', class: 'danger', testid: 'kill-switch-engage', onclick: set(true) }, 'Engage (halt new orders)'),
      h('button', { type: 'button', testid: 'kill-switch-release', onclick: set(false) }, 'Release')),
    h('section', { class: 'panel' }, h('h2', {}, 'Orders'), counts),
    h('section', { class: 'panel' }, h('h2', {}, 'Deployments'),
      h('table', { class: 'grid', testid: 'deployments-table' }, h('thead', {}, h('tr', {}, ['Runner', 'Epoch', 'Activation'].map((c) => h('th', {}, c)))), deployments)),
    h('section', { class: 'panel' }, h('h2', {}, 'Recently fenced orders'), fenced));

  live('/events/gateway', show);
  return () => current;
}
