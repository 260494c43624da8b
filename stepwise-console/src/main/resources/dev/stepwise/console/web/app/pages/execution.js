// @ts-check
// #/executions/<arn> — an execution: header (status, ARN, times, error), Started by with the
// breadcrumb to the root, its children, actions (stop, run again, export), and the Graph, Table,
// Events and Input & output views with the selected state's side panel. While the execution runs
// and the tab is visible it polls (1 s, then 2 s after a minute, 5 s after ten) and stops when it
// has ended; nothing reloads the page.
import { h, replace } from '../dom.js';
import { sfn, consoleApi, all } from '../api.js';
import { date, between, arnName, startedBy, machineOf } from '../format.js';
import { badge, arnLine, tabs, machineHref, executionHref, jsonBlock, ready, showError } from '../ui.js';
import { layoutGraph } from '../graph/layout.js';
import { drawGraph } from '../graph/render.js';
import { stateStatuses, defaultPicks } from '../execution/status.js';
import { visitsTable } from '../execution/table.js';
import { eventsView } from '../execution/events.js';
import { sidePanel } from '../execution/panel.js';
import { runAgain } from '../start-dialog.js';

/** @param {HTMLElement} main @param {string} arn */
export async function executionPage(main, arn) {
  const opened = Date.now();
  let left = false;
  /** @type {any} */
  let describe = await sfn('DescribeExecution', { executionArn: arn });
  const graph = await consoleApi('graph', { arn });
  /** @type {any[]} */
  let visits = [];
  let eventCount = 0;
  /** @type {Record<string, number|'all'>} */
  let picks = {};
  /** @type {string|null} */
  let selected = null;
  /** @type {Map<string, string>} child ARN → status */
  const children = new Map();

  const states = new Map();
  const collect = (/** @type {any} */ scope) => {
    for (const st of scope.states) {
      states.set(st.name, st);
      (st.branches || []).forEach(collect);
      if (st.processor) collect(st.processor);
    }
  };
  collect(graph);

  const header = h('div', { class: 'exec-head' });
  const lineage = h('div', { class: 'lineage' });
  const childList = h('div', { class: 'children', dataset: { children: '' } });
  const pickers = h('div', { class: 'pickers' });
  const panel = sidePanel(arn);
  const started = performance.now();
  const drawn = drawGraph(layoutGraph(graph), { onSelect: select, showStatus: true });
  const layoutMs = Math.round(performance.now() - started);
  const table = visitsTable({ onSelect: (v) => select(v.state) });
  const events = eventsView(arn, [...states.keys()], describe.startDate);
  const io = h('div', { class: 'split io' });
  const t = tabs([
    { id: 'graph', label: 'Graph', render: (p) => replace(p, pickers, h('div', { class: 'graph-box', dataset: { layoutMs } }, drawn.element)) },
    { id: 'table', label: 'Table', render: (p) => replace(p, table.element) },
    { id: 'events', label: 'Events', render: (p) => { replace(p, events.element); events.load(); } },
    { id: 'io', label: 'Input & output', render: (p) => replace(p, io) },
  ]);
  replace(main, header, lineage, h('div', { class: 'exec-body' }, h('div', { class: 'exec-main' }, t.element), panel.element), childList);
  lineageOf(describe, lineage);

  /** @param {string} name */
  function select(name) {
    selected = name;
    drawn.select(name);
    const st = states.get(name);
    if (st) panel.show(st, stateStatuses(visits, picks).latest.get(name) || null);
    table.update(tableData());
  }

  function tableData() {
    const end = describe.stopDate ? describe.stopDate * 1000 : Date.now();
    const latest = selected ? stateStatuses(visits, picks).latest.get(selected) : null;
    return { visits, picks, span: { start: describe.startDate * 1000, end }, selected: latest ? latest.id : null };
  }

  function paint() {
    const { status, latest } = stateStatuses(visits, picks);
    drawn.paint((name) => status.get(name) || 'NOT_STARTED', new Set(status.keys()));
    for (const [name, v] of latest) {
      if (v.childExecutionArn) drawn.child(name, v.childExecutionArn, children.get(v.childExecutionArn) || 'RUNNING');
    }
    table.update(tableData());
  }

  const eventsShown = h('span', { dataset: { headerEvents: '' } });
  let headerKey = '';
  function drawHeader() {
    const d = describe;
    eventsShown.textContent = String(eventCount);
    // Redrawn only when it changes, so a selection (the ARN being copied) survives the polls.
    const key = [d.status, d.stopDate, d.error, d.cause, failedState()].join('|');
    if (key === headerKey) return;
    headerKey = key;
    replace(header,
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'State machines'), ' / ',
        h('a', { href: machineHref(d.stateMachineArn) }, arnName(d.stateMachineArn)),
        d.stateMachineVersionArn ? [' ', h('a', { href: machineHref(d.stateMachineVersionArn) }, 'version ' + arnName(d.stateMachineVersionArn))] : null,
        d.stateMachineAliasArn ? [' via ', h('a', { href: machineHref(d.stateMachineAliasArn) }, 'alias ' + arnName(d.stateMachineAliasArn))] : null),
      h('div', { class: 'page-head' },
        h('h1', null, d.name, ' ', h('span', { dataset: { executionStatus: d.status } }, badge(d.status))),
        h('div', { class: 'actions' },
          d.status === 'RUNNING' ? h('button', { type: 'button', class: 'danger', dataset: { stop: '' }, onclick: stopDialog }, 'Stop') : null,
          h('button', { type: 'button', class: 'secondary', dataset: { runAgain: '' }, onclick: () => runAgain(d) }, 'Run again'),
          h('button', { type: 'button', class: 'secondary', dataset: { export: '' }, onclick: exportJson }, 'Export JSON'))),
      arnLine(d.executionArn),
      h('dl', { class: 'facts' },
        h('dt', null, 'Started'), h('dd', null, date(d.startDate)),
        h('dt', null, 'Stopped'), h('dd', null, date(d.stopDate)),
        h('dt', null, 'Duration'), h('dd', null, between(d.startDate, d.stopDate)),
        h('dt', null, 'Events'), h('dd', null, eventsShown),
        h('dt', null, 'Graph layout'), h('dd', null, layoutMs + ' ms')),
      d.error || d.cause
        ? h('div', { class: 'error-box', dataset: { executionError: d.error || '' } }, h('strong', null, d.error || 'Error'), h('p', null, d.cause || ''),
            failedState() ? h('button', { type: 'button', class: 'secondary', onclick: () => { t.show('graph'); select(/** @type {string} */ (failedState())); } }, 'Show the failing state') : null)
        : null);
    drawIo();
  }

  function drawIo() {
    const d = describe;
    replace(io, h('div', null, h('h3', null, 'Input'), jsonBlock(d.input)), h('div', null, h('h3', null, 'Output'), d.status === 'RUNNING' ? h('p', { class: 'muted' }, 'Still running.') : jsonBlock(d.output)));
  }

  function failedState() {
    const f = [...visits].reverse().find((v) => v.status === 'FAILED');
    return f ? f.state : null;
  }

  function drawPickers() {
    const maps = visits.filter((v) => v.type === 'Map');
    /** @type {Map<string, any>} */
    const lastMap = new Map();
    for (const m of maps) lastMap.set(m.state, m);
    replace(pickers, [...lastMap.values()].map((m) => {
      const its = m.iterations || [];
      const pick = picks[m.state] ?? 'all';
      const input = h('input', { type: 'number', min: 0, max: Math.max(0, its.length - 1), value: pick === 'all' ? '' : pick, placeholder: 'all', 'aria-label': 'Iteration of ' + m.state, dataset: { iterationPicker: m.state } });
      const choose = (/** @type {number|'all'} */ v) => { picks[m.state] = v; drawPickers(); paint(); if (selected) select(selected); };
      input.addEventListener('change', () => {
        const n = /** @type {HTMLInputElement} */ (input).value;
        choose(n === '' ? 'all' : Math.min(Math.max(0, Number(n)), its.length - 1));
      });
      const failed = its.find((i) => i.status === 'FAILED' || i.status === 'ABORTED');
      return h('div', { class: 'picker' },
        h('span', null, '⟳ ', h('strong', null, m.state), `: ${its.length} iterations · iteration `), input,
        h('button', { type: 'button', class: 'secondary', onclick: () => choose('all') }, 'All'),
        failed ? h('button', { type: 'button', class: 'secondary', dataset: { jumpFailed: m.state }, onclick: () => choose(failed.index) }, 'Jump to failed (#' + failed.index + ')') : null);
    }));
  }

  async function tick() {
    try {
      describe = await sfn('DescribeExecution', { executionArn: arn });
      const v = await consoleApi('visits', { executionArn: arn, ifEventCount: String(eventCount) });
      if (!v.unchanged) {
        const first = !visits.length;
        visits = v.visits;
        eventCount = v.eventCount;
        if (first) picks = defaultPicks(visits);
        else for (const [k, p] of Object.entries(defaultPicks(visits))) if (!(k in picks)) picks[k] = p;
        drawPickers();
      }
      await childStatuses();
      drawHeader();
      drawChildren();
      paint();
      events.refresh(eventCount);
      if (selected && !v.unchanged) select(selected);
    } catch (e) {
      showError(e);
    }
    ready();
    schedule();
  }

  async function childStatuses() {
    for (const v of visits) {
      const c = v.childExecutionArn;
      if (c && children.get(c) !== 'SUCCEEDED' && children.get(c) !== 'FAILED' && children.get(c) !== 'ABORTED' && children.get(c) !== 'TIMED_OUT') {
        try {
          children.set(c, (await sfn('DescribeExecution', { executionArn: c })).status);
        } catch {
          children.set(c, 'DELETED');
        }
      }
    }
  }

  function drawChildren() {
    if (!children.size) {
      replace(childList);
      return;
    }
    replace(childList, h('h2', null, `Children (${children.size})`),
      h('ul', null, [...children].map(([c, st]) => h('li', null, h('a', { href: executionHref(c), dataset: { childExecution: c } }, arnName(c)), ' ', badge(st), ' ', h('span', { class: 'muted' }, arnName(machineOf(c)))))));
  }

  /** @type {number|undefined} */
  let timer;
  function schedule() {
    clearTimeout(timer);
    if (left) return;
    const anyChildRunning = [...children.values()].includes('RUNNING');
    if (describe.status !== 'RUNNING' && !anyChildRunning) return; // ended: no more polling
    if (document.visibilityState !== 'visible') return; // resumed by visibilitychange
    const age = Date.now() - opened;
    timer = window.setTimeout(tick, age < 60_000 ? 1000 : age < 600_000 ? 2000 : 5000);
  }
  const onVisible = () => { if (document.visibilityState === 'visible') tick(); else clearTimeout(timer); };
  document.addEventListener('visibilitychange', onVisible);

  function stopDialog() {
    const error = h('input', { name: 'error', maxlength: 256, placeholder: 'optional' });
    const cause = h('textarea', { name: 'cause', rows: 3, placeholder: 'optional' });
    const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { class: 'dialog', dataset: { stopDialog: '' } }));
    const form = h('form', { method: 'dialog' },
      h('h2', null, 'Stop execution'), h('p', null, 'Stops ', h('code', null, describe.name), '. Its running state is aborted.'),
      h('label', null, 'Error', error), h('label', null, 'Cause', cause),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'danger', dataset: { stopConfirm: '' } }, 'Stop execution')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { executionArn: arn };
      const e = /** @type {HTMLInputElement} */ (error).value.trim();
      const c = /** @type {HTMLTextAreaElement} */ (cause).value.trim();
      if (e) body.error = e;
      if (c) body.cause = c;
      try {
        await sfn('StopExecution', body);
        dialog.close();
        tick();
      } catch (err) {
        showError(err);
      }
    });
    dialog.append(form);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  async function exportJson() {
    try {
      const history = await all('GetExecutionHistory', { executionArn: arn, maxResults: 1000 }, 'events', 25000);
      const blob = new Blob([JSON.stringify({ execution: describe, events: history }, null, 2)], { type: 'application/json' });
      const a = h('a', { href: URL.createObjectURL(blob), download: describe.name + '.json' });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      showError(e);
    }
  }

  await tick();
  return () => {
    left = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** Started by, and the chain of parents up to the root: root / … / parent / this. */
async function lineageOf(describe, el) {
  const chain = [];
  let input = describe.input || '';
  for (let p = startedBy(input); p && chain.length < 20; p = startedBy(input)) {
    try {
      const d = await sfn('DescribeExecution', { executionArn: p });
      chain.unshift({ arn: p, name: d.name, status: d.status });
      input = d.input || '';
    } catch {
      chain.unshift({ arn: p, name: arnName(p), status: 'DELETED' });
      break;
    }
  }
  if (!chain.length) return;
  const parent = chain[chain.length - 1];
  const link = (/** @type {any} */ c) => h('a', { href: executionHref(c.arn) }, c.name);
  const crumbs = chain.length > 2 ? [link(chain[0]), ' / … / ', link(parent)] : chain.flatMap((c, i) => (i ? [' / ', link(c)] : [link(c)]));
  replace(el,
    h('p', { class: 'started-by' }, 'Started by ',
      h('a', { href: executionHref(parent.arn), dataset: { startedBy: parent.arn } }, parent.name), ' ',
      parent.status === 'DELETED' ? h('span', { class: 'muted' }, '(no longer exists)') : badge(parent.status), ' ',
      h('span', { class: 'muted' }, 'of ', arnName(machineOf(parent.arn)))),
    h('nav', { class: 'breadcrumb', 'aria-label': 'Parent executions', dataset: { breadcrumb: chain.map((c) => c.name).join('/') } }, crumbs, ' / ', h('strong', null, describe.name)));
}
