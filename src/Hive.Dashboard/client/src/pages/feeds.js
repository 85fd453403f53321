import { live } from '../live.js';
import { h, syncRows, num } from '../dom.js';

export function feedsPage(app) {
  const tbody = h('tbody');
  app.replaceChildren(
    h('h1', {}, 'Market feeds'),
    h('p', { class: 'muted' }, 'One feed per symbol the runners trade; its subscribers are the runners on the symbol\'s stream.'),
    h('table', { class: 'grid', testid: 'feeds-table' },
      h('thead', {}, h('tr', {}, ['Symbol', 'Source', 'Running', 'Events/s', 'Events', 'Subscribers', 'Last event', 'Silo', 'Error'].map((c) => h('th', {}, c)))),
      tbody));

  live('/events/feeds', (data) => {
    syncRows(tbody, data.feeds ?? [], (f) => f.symbol, (f) => h('tr', { testid: 'feed-row' },
      h('td', { testid: 'feed-symbol' }, f.symbol),
      h('td', {}, f.source),
      h('td', { testid: 'feed-running' }, f.running ? 'yes' : 'no'),
      h('td', { class: 'num', testid: 'feed-rate' }, num(f.eventsPerSecond).toFixed(1)),
      h('td', { class: 'num', testid: 'feed-events' }, num(f.eventsPublished).toLocaleString()),
      h('td', { class: 'num', testid: 'feed-subscribers' }, String(f.runners ?? 0)),
      h('td', {}, num(f.lastEventTimeMs) > 0 ? new Date(num(f.lastEventTimeMs)).toISOString().replace('.000Z', 'Z') : '–'),
      h('td', {}, f.silo),
      h('td', { class: 'error' }, f.error || '')));
  });
}
