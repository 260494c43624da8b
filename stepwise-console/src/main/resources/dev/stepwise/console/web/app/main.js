// @ts-check
// The console's router: #/ (state machines), #/state-machines/<arn>, #/executions/<arn>,
// #/activities. Each page returns a function that stops its polling when the page is left.
import { loadInfo, needsKey, info, setKey, key } from './api.js';
import { h, replace } from './dom.js';
import { clearError, showError } from './ui.js';
import { machinesPage } from './pages/machines.js';
import { machinePage } from './pages/machine.js';
import { executionPage } from './pages/execution.js';
import { activitiesPage } from './pages/activities.js';
import { signInPage } from './pages/sign-in.js';

const main = /** @type {HTMLElement} */ (document.getElementById('app'));
let leave = () => {};

async function route() {
  leave();
  leave = () => {};
  clearError();
  document.body.dataset.ready = 'false';
  window.scrollTo(0, 0);
  session();
  if (needsKey()) {
    signInPage(main, route);
    return;
  }
  const hash = location.hash.replace(/^#\/?/, '');
  const [page, ...rest] = hash.split('/');
  const arg = decodeURIComponent(rest.join('/'));
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.getAttribute('data-nav') === (page === 'activities' ? 'activities' : 'machines'));
  }
  replace(main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    if (page === 'state-machines' && arg) leave = (await machinePage(main, arg)) || leave;
    else if (page === 'executions' && arg) leave = (await executionPage(main, arg)) || leave;
    else if (page === 'activities') leave = (await activitiesPage(main)) || leave;
    else leave = (await machinesPage(main)) || leave;
  } catch (e) {
    showError(e);
    replace(main, h('p', { class: 'muted' }, 'This page could not be shown.'));
    document.body.dataset.ready = 'true';
  }
}

function session() {
  const el = /** @type {HTMLElement} */ (document.getElementById('session'));
  if (info.auth !== 'sigv4') {
    replace(el, h('span', { class: 'muted', title: 'serve runs without --auth sigv4' }, 'No authentication'));
    return;
  }
  const k = key();
  replace(el, k
    ? [h('span', null, 'Signed with ', h('code', null, k.accessKeyId)), ' ',
       h('button', { type: 'button', dataset: { signOut: '' }, onclick: () => { setKey(null); route(); } }, 'Sign out')]
    : h('span', { class: 'muted' }, 'Not signed in'));
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (ev) => {
  ev.preventDefault();
  showError(ev.reason);
});
loadInfo().then(route, (e) => showError(e));
