// @ts-check
// #/state-machines/<arn> — a state machine (or one of its versions or aliases): its executions
// (status filter, name search, paging, started-by), its definition as a graph beside the JSON, its
// versions and aliases, and Start execution.
import { h, replace } from '../dom.js';
import { sfn, consoleApi } from '../api.js';
import { date, between, arnName, startedBy, pretty } from '../format.js';
import { badge, arnLine, tabs, machineHref, executionHref, ready, showError } from '../ui.js';
import { layoutGraph } from '../graph/layout.js';
import { drawGraph } from '../graph/render.js';
import { openStartDialog } from '../start-dialog.js';

const FILTERS = [
  ['', 'All'],
  ['RUNNING', 'Running'],
  ['SUCCEEDED', 'Succeeded'],
  ['FAILED', 'Failed'],
  ['TIMED_OUT', 'Timed out'],
  ['ABORTED', 'Aborted'],
];
const PAGE = 50;

/** Parents read from each execution's input: fixed once started, so read once. */
const parents = new Map();

/** @param {HTMLElement} main @param {string} arn */
export async function machinePage(main, arn) {
  const parts = arn.split(':');
  const qualifier = parts.length === 8 ? parts[7] : null;
  const alias = qualifier !== null && !/^\d+$/.test(qualifier) ? await sfn('DescribeStateMachineAlias', { stateMachineAliasArn: arn }) : null;
  const describeArn = alias ? alias.routingConfiguration[0].stateMachineVersionArn : arn;
  const sm = await sfn('DescribeStateMachine', { stateMachineArn: describeArn });
  const baseArn = parts.slice(0, 7).join(':');
  const kind = alias ? 'Alias' : qualifier ? 'Version' : 'State machine';
  let stopped = false;

  const head = h('div', { class: 'page-head' },
    h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'State machines'), qualifier ? [' / ', h('a', { href: machineHref(baseArn) }, sm.name)] : null),
      h('h1', null, sm.name, qualifier ? h('span', { class: 'qualifier' }, ':' + qualifier) : null, ' ', h('span', { class: 'muted kind' }, kind)),
      arnLine(arn)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', dataset: { startExecution: '' }, onclick: () => openStartDialog(arn) }, 'Start execution')));
  const facts = h('dl', { class: 'facts' },
    h('dt', null, 'Type'), h('dd', null, sm.type),
    h('dt', null, 'Status'), h('dd', null, sm.status || 'ACTIVE'),
    h('dt', null, 'Role'), h('dd', null, h('code', null, sm.roleArn)),
    h('dt', null, 'Created'), h('dd', null, date(sm.creationDate)),
    alias ? [h('dt', null, 'Routing'), h('dd', null, alias.routingConfiguration.map((r) =>
      h('span', { class: 'route' }, h('a', { href: machineHref(r.stateMachineVersionArn) }, 'version ' + arnName(r.stateMachineVersionArn)), ` ${r.weight}%`)))] : null,
    sm.description ? [h('dt', null, 'Description'), h('dd', null, sm.description)] : null);

  const t = tabs([
    { id: 'executions', label: 'Executions', render: (p) => executionsTab(p, arn, sm.type, () => stopped) },
    { id: 'definition', label: 'Definition', render: (p) => definitionTab(p, describeArn, sm.definition) },
    { id: 'versions', label: 'Versions & aliases', render: (p) => versionsTab(p, baseArn) },
  ], sm.type === 'EXPRESS' ? 'definition' : 'executions');
  replace(main, head, facts, t.element);
  return () => (stopped = true);
}

/** @param {HTMLElement} panel @param {string} arn @param {string} type @param {() => boolean} stopped */
async function executionsTab(panel, arn, type, stopped) {
  if (type === 'EXPRESS') {
    replace(panel, h('p', { class: 'empty' }, 'Express executions have no history to list, as on AWS.'));
    ready();
    return;
  }
  let status = '';
  /** @type {any[]} */
  let loaded = [];
  /** @type {string|undefined} */
  let token;
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Status' });
  const search = h('input', { type: 'search', placeholder: 'Search loaded executions by name', dataset: { search: '' } });
  const body = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', dataset: { loadMore: '' }, onclick: () => load(false) }, 'Load more');
  const count = h('span', { class: 'muted', dataset: { executionCount: '' } });
  for (const [value, label] of FILTERS) {
    chips.append(h('button', { type: 'button', class: 'chip', dataset: { chip: value || 'ALL' }, 'aria-pressed': String(value === status), onclick: () => {
      status = value;
      for (const c of chips.children) c.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (c).dataset.chip === (value || 'ALL')));
      load(true);
    } }, label));
  }
  search.addEventListener('input', draw);
  replace(panel,
    h('div', { class: 'toolbar' }, chips, search, count),
    h('table', { class: 'list', dataset: { executions: '' } },
      h('thead', null, h('tr', null, ['Name', 'Status', 'Started', 'Stopped', 'Duration', 'Started by'].map((c) => h('th', null, c)))),
      body),
    more);

  async function load(reset) {
    try {
      const page = await sfn('ListExecutions', { stateMachineArn: arn, maxResults: PAGE, ...(status ? { statusFilter: status } : {}), ...(!reset && token ? { nextToken: token } : {}) });
      loaded = reset ? page.executions : loaded.concat(page.executions);
      token = page.nextToken;
      /** @type {HTMLButtonElement} */ (more).hidden = !token;
      draw();
      await Promise.all(page.executions.map(parentOf));
      draw();
    } catch (e) {
      showError(e);
    }
    ready();
  }

  function draw() {
    const q = /** @type {HTMLInputElement} */ (search).value.trim().toLowerCase();
    const rows = loaded.filter((e) => e.name.toLowerCase().includes(q));
    count.textContent = `${rows.length} shown${token ? ', more to load' : ''}`;
    replace(body, rows.length ? rows.map((e) => {
      const parent = parents.get(e.executionArn);
      return h('tr', { dataset: { execution: e.name, status: e.status } },
        h('td', null, h('a', { href: executionHref(e.executionArn) }, e.name)),
        h('td', null, badge(e.status)),
        h('td', null, date(e.startDate)),
        h('td', null, date(e.stopDate)),
        h('td', null, between(e.startDate, e.stopDate)),
        h('td', { dataset: { startedBy: parent || '' } }, parent ? h('a', { href: executionHref(parent) }, arnName(parent)) : '–'));
    }) : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No executions.')));
  }

  // Running executions change: the first page refreshes every 5 s while the tab is visible.
  const refresh = async () => {
    if (stopped() || !panel.isConnected) return;
    if (document.visibilityState === 'visible' && !token && loaded.some((e) => e.status === 'RUNNING')) await load(true);
    setTimeout(refresh, 5000);
  };
  await load(true);
  setTimeout(refresh, 5000);
}

/** @param {any} e a ListExecutions item */
async function parentOf(e) {
  if (parents.has(e.executionArn)) return;
  const d = await sfn('DescribeExecution', { executionArn: e.executionArn });
  parents.set(e.executionArn, startedBy(d.input || ''));
}

/** @param {HTMLElement} panel @param {string} arn @param {string} definition */
async function definitionTab(panel, arn, definition) {
  const graphBox = h('div', { class: 'graph-box' }, h('p', { class: 'muted' }, 'Laying out…'));
  replace(panel, h('div', { class: 'split' }, graphBox, h('div', { class: 'definition' }, h('h3', null, 'Definition'), h('pre', { class: 'json', dataset: { definition: '' } }, pretty(definition)))));
  try {
    const graph = await consoleApi('graph', { arn });
    const started = performance.now();
    const drawn = drawGraph(layoutGraph(graph));
    replace(graphBox, drawn.element);
    graphBox.dataset.layoutMs = String(Math.round(performance.now() - started));
  } catch (e) {
    showError(e);
  }
  ready();
}

/** @param {HTMLElement} panel @param {string} baseArn */
async function versionsTab(panel, baseArn) {
  try {
    const [versions, aliases] = await Promise.all([
      sfn('ListStateMachineVersions', { stateMachineArn: baseArn, maxResults: 100 }),
      sfn('ListStateMachineAliases', { stateMachineArn: baseArn, maxResults: 100 }),
    ]);
    replace(panel,
      h('h3', null, 'Versions'),
      versions.stateMachineVersions.length
        ? h('table', { class: 'list', dataset: { versions: '' } }, h('tbody', null, versions.stateMachineVersions.map((v) =>
            h('tr', null, h('td', null, h('a', { href: machineHref(v.stateMachineVersionArn) }, 'Version ' + arnName(v.stateMachineVersionArn))), h('td', null, date(v.creationDate))))))
        : h('p', { class: 'empty' }, 'No versions published.'),
      h('h3', null, 'Aliases'),
      aliases.stateMachineAliases.length
        ? h('table', { class: 'list', dataset: { aliases: '' } }, h('tbody', null, aliases.stateMachineAliases.map((a) =>
            h('tr', null, h('td', null, h('a', { href: machineHref(a.stateMachineAliasArn) }, arnName(a.stateMachineAliasArn))), h('td', null, date(a.creationDate))))))
        : h('p', { class: 'empty' }, 'No aliases.'));
  } catch (e) {
    showError(e);
  }
  ready();
}
