// @ts-check
// The Event view: AWS's event types verbatim, 100 to a page (GetExecutionHistory's own paging),
// newest or oldest first, each event's details as JSON to unfold; filtered by type or state
// through the console's events answer, since GetExecutionHistory filters nothing. The count is
// shown against the 25,000-event cap of a Standard execution.
import { h, replace } from '../dom.js';
import { sfn, consoleApi } from '../api.js';
import { date, duration } from '../format.js';
import { showError } from '../ui.js';

export const HISTORY_CAP = 25000;
const PAGE = 100;

/** AWS's HistoryEventType values, for the type filter. */
const TYPES = `ActivityFailed ActivityScheduleFailed ActivityScheduled ActivityStarted ActivitySucceeded ActivityTimedOut
ChoiceStateEntered ChoiceStateExited EvaluationFailed ExecutionAborted ExecutionFailed ExecutionRedriven ExecutionStarted
ExecutionSucceeded ExecutionTimedOut FailStateEntered LambdaFunctionFailed LambdaFunctionScheduleFailed
LambdaFunctionScheduled LambdaFunctionStartFailed LambdaFunctionStarted LambdaFunctionSucceeded LambdaFunctionTimedOut
MapIterationAborted MapIterationFailed MapIterationStarted MapIterationSucceeded MapRunAborted MapRunFailed
MapRunRedriven MapRunStarted MapRunSucceeded MapStateAborted MapStateEntered MapStateExited MapStateFailed
MapStateStarted MapStateSucceeded ParallelStateAborted ParallelStateEntered ParallelStateExited ParallelStateFailed
ParallelStateStarted ParallelStateSucceeded PassStateEntered PassStateExited SucceedStateEntered SucceedStateExited
TaskFailed TaskScheduled TaskStartFailed TaskStarted TaskStateAborted TaskStateEntered TaskStateExited
TaskSubmitFailed TaskSubmitted TaskSucceeded TaskTimedOut WaitStateAborted WaitStateEntered WaitStateExited`.split(/\s+/);

/** @param {string} executionArn @param {string[]} stateNames @param {number} startDate epoch seconds */
export function eventsView(executionArn, stateNames, startDate) {
  /** @type {(string|undefined)[]} */
  let tokens = [undefined];
  let page = 0;
  let reverse = false;
  let eventCount = 0;
  const type = h('select', { 'aria-label': 'Event type', dataset: { eventType: '' } }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t }, t)));
  const state = h('select', { 'aria-label': 'State', dataset: { eventState: '' } }, h('option', { value: '' }, 'All states'), stateNames.map((n) => h('option', { value: n }, n)));
  const order = h('select', { 'aria-label': 'Order', dataset: { eventOrder: '' } }, h('option', { value: 'asc' }, 'Oldest first'), h('option', { value: 'desc' }, 'Newest first'));
  const count = h('span', { class: 'cap', dataset: { eventCount: '' } });
  const prev = h('button', { type: 'button', class: 'secondary', onclick: () => { page--; load(); } }, '‹ Previous');
  const next = h('button', { type: 'button', class: 'secondary', onclick: () => { page++; load(); } }, 'Next ›');
  const body = h('tbody');
  const reset = () => { tokens = [undefined]; page = 0; load(); };
  type.addEventListener('change', reset);
  state.addEventListener('change', reset);
  order.addEventListener('change', () => { reverse = /** @type {HTMLSelectElement} */ (order).value === 'desc'; reset(); });
  const element = h('div', { class: 'events' },
    h('div', { class: 'toolbar' }, type, state, order, count, h('span', { class: 'pager' }, prev, next)),
    h('table', { class: 'list events-table', dataset: { events: '' } },
      h('thead', null, h('tr', null, ['ID', 'Type', 'State', 'Time', 'Since start', 'Details'].map((c) => h('th', null, c)))),
      body));

  async function load() {
    const t = /** @type {HTMLSelectElement} */ (type).value;
    const st = /** @type {HTMLSelectElement} */ (state).value;
    try {
      let events, more;
      if (t || st) {
        const r = await consoleApi('events', { executionArn, type: t, state: st, offset: String(page * PAGE), limit: String(PAGE), reverseOrder: String(reverse) });
        events = r.events;
        more = (page + 1) * PAGE < r.total;
        showCount(r.eventCount, r.total);
      } else {
        const r = await sfn('GetExecutionHistory', { executionArn, maxResults: PAGE, reverseOrder: reverse, ...(tokens[page] ? { nextToken: tokens[page] } : {}) });
        events = r.events;
        tokens[page + 1] = r.nextToken;
        more = !!r.nextToken;
        showCount(eventCount, null);
      }
      /** @type {HTMLButtonElement} */ (prev).disabled = page === 0;
      /** @type {HTMLButtonElement} */ (next).disabled = !more;
      replace(body, events.length ? events.map(row) : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No events match.')));
    } catch (e) {
      showError(e);
    }
  }

  /** @param {number} n @param {number|null} matching */
  function showCount(n, matching) {
    eventCount = n || eventCount;
    count.dataset.eventCount = String(eventCount);
    count.textContent = (matching !== null ? `${matching.toLocaleString()} matching, ` : '') +
      `${eventCount.toLocaleString()} events of ${HISTORY_CAP.toLocaleString()} allowed`;
    count.classList.toggle('near-cap', eventCount > HISTORY_CAP * 0.8);
  }

  /** @param {any} e */
  function row(e) {
    const detailsKey = Object.keys(e).find((k) => k.endsWith('EventDetails'));
    const details = detailsKey ? e[detailsKey] : null;
    const outcome = /Failed|TimedOut|Aborted/.test(e.type) ? 'bad' : /Succeeded|Exited/.test(e.type) ? 'good' : '';
    return h('tr', { class: 'event ' + outcome, dataset: { eventId: e.id, eventType: e.type } },
      h('td', null, String(e.id)),
      h('td', null, h('code', null, e.type)),
      h('td', null, details && details.name ? details.name : ''),
      h('td', null, date(e.timestamp)),
      h('td', null, duration(Math.round((e.timestamp - startDate) * 1000))),
      h('td', null, details ? h('details', null, h('summary', null, detailsKey), h('pre', { class: 'json' }, JSON.stringify(expand(details), null, 2))) : ''));
  }

  return {
    element,
    /** Called on each poll: the first page follows the history while it grows. @param {number} n */
    refresh(n) {
      const grew = n !== eventCount;
      eventCount = n;
      if (grew && page === 0) load();
      else showCount(n, null);
    },
    load,
  };
}

/** Input and output members hold JSON texts: shown parsed, so they unfold as JSON. @param {any} d */
function expand(d) {
  const out = { ...d };
  for (const k of ['input', 'output', 'parameters']) {
    if (typeof out[k] === 'string') {
      try { out[k] = JSON.parse(out[k]); } catch { /* not JSON: kept as text */ }
    }
  }
  return out;
}
