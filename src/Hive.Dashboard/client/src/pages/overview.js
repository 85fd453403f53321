import { live } from '../live.js';
import { h, bytes, syncRows, num } from '../dom.js';

export function overviewPage(app) {
  const tbody = h('tbody');
  const summary = h('p', { class: 'muted' });
  app.replaceChildren(
    h('h1', {}, 'Cluster'),
    summary,
    h('table', { class: 'grid', testid: 'silos-table' },
      h('thead', {}, h('tr', {}, ['Silo', 'Role', 'Tags', 'Status', 'CPU', 'Memory', 'Activations', 'Runners', 'Address'].map((c) => h('th', {}, c)))),
      tbody));

  live('/events/overview', (data) => {
    const silos = data.silos ?? [];
    const active = silos.filter((s) => s.status === 'Active').length;
    summary.textContent = `${active} of ${silos.length} silos active · ${data.runnerCount ?? 0} runners`;
    syncRows(tbody, silos, (s) => s.address, (s) => {
      const tags = Object.entries(s.tags ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
      return h('tr', { testid: 'silo-row' },
        h('td', { testid: 'silo-name' }, s.name),
        h('td', { testid: 'silo-role' }, s.role || '–'),
        h('td', { testid: 'silo-tags' }, tags || '–'),
        h('td', { testid: 'silo-status', class: `silo ${String(s.status).toLowerCase()}` }, s.status),
        h('td', { class: 'num', testid: 'silo-cpu' }, num(s.cpuPercent) < 0 ? '–' : `${num(s.cpuPercent).toFixed(1)} %`),
        h('td', { class: 'num', testid: 'silo-memory' }, bytes(s.memoryBytes)),
        h('td', { class: 'num', testid: 'silo-activations' }, String(s.activations ?? 0)),
        h('td', { class: 'num' }, String((s.runners ?? []).length)),
        h('td', { class: 'muted' }, s.address));
    });
  });
}
