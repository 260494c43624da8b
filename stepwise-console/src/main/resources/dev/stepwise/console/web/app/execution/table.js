// @ts-check
// The Table view: one row per state visit, Parallel branches and Map iterations as a tree, 100
// rows to a page (a Map of 10,000 iterations never puts them all in the DOM), and a timeline bar
// per row: each attempt drawn, failed ones red, the backoff between them grey.
import { h, replace, append } from '../dom.js';
import { duration, statusText } from '../format.js';
import { badge } from '../ui.js';
import { tree } from './status.js';

const PAGE = 100;

/**
 * @param {{onSelect: (v: any) => void}} opts
 */
export function visitsTable(opts) {
  let page = 0;
  let filter = '';
  /** @type {Set<number>} */
  const collapsed = new Set();
  /** @type {any} */
  let last = null;
  const body = h('tbody');
  const info = h('span', { class: 'muted', dataset: { visitCount: '' } });
  const prev = h('button', { type: 'button', class: 'secondary', onclick: () => { page--; draw(); } }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => { page++; draw(); } }, 'Next ›');
  const status = h('select', { 'aria-label': 'Filter by status', dataset: { visitFilter: '' } },
    ['', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CAUGHT_ERROR', 'ABORTED'].map((s) => h('option', { value: s }, s ? statusText(s) : 'All statuses')));
  status.addEventListener('change', () => { filter = /** @type {HTMLSelectElement} */ (status).value; page = 0; draw(); });
  const element = h('div', { class: 'visits' },
    h('div', { class: 'toolbar' }, status, info, h('span', { class: 'pager' }, prev, next)),
    h('table', { class: 'list visits-table', dataset: { visits: '' } },
      h('thead', null, h('tr', null, ['Name', 'Type', 'Status', 'Resource', 'Started after', 'Duration', 'Timeline'].map((c) => h('th', null, c)))),
      body));

  function draw() {
    if (!last) return;
    const { visits, picks, span, selected } = last;
    let rows = tree(visits, picks, collapsed);
    if (filter) rows = rows.filter((r) => r.visit && r.visit.status === filter);
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
    const visitsShown = rows.filter((r) => r.visit).length;
    info.textContent = `${visitsShown} state visits` + (pages > 1 ? `, rows ${page * PAGE + 1}–${page * PAGE + shown.length} of ${rows.length}` : '');
    info.dataset.visitCount = String(visitsShown);
    /** @type {HTMLButtonElement} */ (prev).disabled = page === 0;
    /** @type {HTMLButtonElement} */ (next).disabled = page >= pages - 1;
    replace(body, shown.map((r) => (r.visit ? visitRow(r.visit, r.depth, span, selected) : iterationRow(r.iteration, r.depth))));
  }

  /** @param {any} v @param {number} depth @param {{start:number,end:number}} span @param {number|null} selected */
  function visitRow(v, depth, span, selected) {
    const container = v.type === 'Map' || v.type === 'Parallel';
    const name = h('td', { class: 'name-cell' });
    name.style.paddingLeft = 8 + depth * 18 + 'px';
    if (container) {
      name.append(h('button', { type: 'button', class: 'twisty', 'aria-expanded': String(!collapsed.has(v.id)), onclick: (/** @type {Event} */ ev) => {
        ev.stopPropagation();
        if (collapsed.has(v.id)) collapsed.delete(v.id); else collapsed.add(v.id);
        draw();
      } }, collapsed.has(v.id) ? '▸' : '▾'));
    }
    append(name, [h('span', null, v.state), v.branch !== undefined ? h('span', { class: 'muted' }, ' (branch ' + (v.branch + 1) + ')') : null]);
    const tr = h('tr', {
      class: 'visit' + (selected === v.id ? ' selected' : ''),
      tabindex: 0,
      dataset: { visit: v.id, state: v.state, status: v.status, iteration: v.iteration },
      onclick: () => opts.onSelect(v),
      onkeydown: (/** @type {KeyboardEvent} */ ev) => { if (ev.key === 'Enter') opts.onSelect(v); },
    },
      name,
      h('td', null, v.type),
      h('td', null, badge(v.status), (v.attempts?.length || 0) > 1 ? h('span', { class: 'muted' }, ` ${v.attempts.length} attempts`) : null),
      h('td', { class: 'resource' }, v.resource || ''),
      h('td', null, duration(v.start - span.start)),
      h('td', null, v.end ? duration(v.end - v.start) : '–'),
      h('td', { class: 'timeline-cell' }, timeline(v, span)));
    return tr;
  }

  /** @param {any} it @param {number} depth */
  function iterationRow(it, depth) {
    const td = h('td', { colspan: 7, class: 'iteration-cell' }, 'Iteration #' + it.index + ' ', badge(it.status));
    td.style.paddingLeft = 8 + depth * 18 + 'px';
    return h('tr', { class: 'iteration', dataset: { iterationRow: it.index, map: it.map.state } }, td);
  }

  return {
    element,
    /** @param {{visits: any[], picks: any, span: {start:number,end:number}, selected: number|null}} data */
    update(data) {
      last = data;
      draw();
    },
  };
}

/** @param {any} v @param {{start:number,end:number}} span */
function timeline(v, span) {
  const total = Math.max(1, span.end - span.start);
  const pct = (/** @type {number} */ t) => ((Math.min(Math.max(t, span.start), span.end) - span.start) / total) * 100;
  const bar = h('div', { class: 'timeline', title: `${duration((v.end ?? span.end) - v.start)}` });
  const seg = (/** @type {number} */ a, /** @type {number} */ b, /** @type {string} */ cls, /** @type {string} */ title) => {
    const el = h('span', { class: 'seg ' + cls, title });
    el.style.left = pct(a) + '%';
    el.style.width = Math.max(0.4, pct(b) - pct(a)) + '%';
    bar.append(el);
  };
  const attempts = v.attempts || [];
  if (!attempts.length) {
    seg(v.start, v.end ?? span.end, 'status-' + v.status, statusText(v.status));
    return bar;
  }
  let cursor = v.start;
  attempts.forEach((a, i) => {
    if (a.start > cursor) seg(cursor, a.start, i ? 'backoff' : 'wait', i ? 'Backoff before attempt ' + (i + 1) : 'Before the first attempt');
    seg(a.start, a.end ?? span.end, a.error ? 'attempt-failed' : 'status-' + v.status, `Attempt ${i + 1}` + (a.error ? ': ' + a.error : ''));
    cursor = a.end ?? span.end;
  });
  if (v.end && v.end > cursor) seg(cursor, v.end, 'status-' + v.status, 'After the last attempt');
  return bar;
}
