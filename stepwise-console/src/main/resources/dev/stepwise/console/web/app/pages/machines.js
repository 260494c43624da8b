// @ts-check
// #/ — the state machines: name filter, type, created, and each one's last execution status.
import { h, replace } from '../dom.js';
import { all, sfn } from '../api.js';
import { date } from '../format.js';
import { badge, machineHref, executionHref, ready, showError } from '../ui.js';

/** @param {HTMLElement} main */
export async function machinesPage(main) {
  const machines = await all('ListStateMachines', { maxResults: 100 }, 'stateMachines');
  const filter = h('input', { type: 'search', placeholder: 'Filter by name', 'aria-label': 'Filter by name', dataset: { filter: '' } });
  const body = h('tbody');
  const count = h('span', { class: 'muted' });
  const rows = machines.map((m) => {
    const last = h('td', { dataset: { lastStatus: '' } }, '–');
    const tr = h('tr', { dataset: { machine: m.name } },
      h('td', null, h('a', { href: machineHref(m.stateMachineArn) }, m.name)),
      h('td', null, m.type),
      h('td', null, date(m.creationDate)),
      last);
    return { m, tr, last };
  });
  const apply = () => {
    const q = /** @type {HTMLInputElement} */ (filter).value.trim().toLowerCase();
    const shown = rows.filter((r) => r.m.name.toLowerCase().includes(q));
    replace(body, shown.map((r) => r.tr));
    count.textContent = `${shown.length} of ${rows.length}`;
  };
  filter.addEventListener('input', apply);
  apply();
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'State machines'), count),
    h('div', { class: 'toolbar' }, filter),
    rows.length
      ? h('table', { class: 'list', dataset: { machines: '' } },
          h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Type'), h('th', null, 'Created'), h('th', null, 'Last execution'))),
          body)
      : h('p', { class: 'empty' }, 'No state machines yet. Create one with the AWS CLI or an SDK (', h('code', null, 'aws stepfunctions create-state-machine --endpoint-url …'), ').'));
  // Last execution per machine; Express machines have no execution list (as on AWS).
  await Promise.all(rows.map(async (r) => {
    if (r.m.type !== 'STANDARD') return;
    try {
      const page = await sfn('ListExecutions', { stateMachineArn: r.m.stateMachineArn, maxResults: 1 });
      const e = page.executions && page.executions[0];
      if (e) replace(r.last, h('a', { href: executionHref(e.executionArn) }, badge(e.status)), ' ', date(e.startDate));
    } catch (e) {
      showError(e);
    }
  }));
  ready();
}
