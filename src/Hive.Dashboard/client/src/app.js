// Entry point of the dashboard's pages: the server sends one shell per page (data-page, data-id); this fills it.
import { overviewPage } from './pages/overview.js';
import { runnersPage } from './pages/runners.js';
import { runnerPage } from './pages/runner.js';
import { feedsPage } from './pages/feeds.js';
import { gatewayPage } from './pages/gateway.js';
import { backtestsPage } from './pages/backtests.js';
import { backtestPage } from './pages/backtest.js';

const pages = {
  overview: overviewPage,
  runners: runnersPage,
  runner: runnerPage,
  feeds: feedsPage,
  gateway: gatewayPage,
  backtests: backtestsPage,
  backtest: backtestPage,
};

function start() {
  const { page, id } = document.body.dataset;
  const nav = page === 'runner' ? 'runners' : page === 'backtest' ? 'backtests' : page;
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    if (link.dataset.page === nav) link.setAttribute('aria-current', 'page');
  }
  pages[page]?.(document.getElementById('app'), id);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
