// @ts-check
// The side panel for the selected state: its visit's input, output, error and attempts, its
// events, and for a startExecution task the child execution's live status and a link to it.
import { h, replace } from '../dom.js';
import { consoleApi, sfn } from '../api.js';
import { date, duration } from '../format.js';
import { badge, executionHref, jsonBlock, showError } from '../ui.js';

/** @param {string} executionArn */
export function sidePanel(executionArn) {
  const element = h('aside', { class: 'side-panel', dataset: { panel: 'state' } }, h('p', { class: 'muted' }, 'Select a state in the graph or the table.'));
  let token = 0;
  return {
    element,
    /** @param {any} state the graph's state @param {any|null} visit its visit shown, or null */
    async show(state, visit) {
      const mine = ++token;
      element.dataset.selected = state.name;
      const head = h('div', null,
        h('h2', null, state.name),
        h('p', null, state.type, ' · ', visit ? badge(visit.status) : badge('NOT_STARTED'),
          visit && visit.iteration !== undefined ? h('span', { class: 'muted' }, ' iteration #' + visit.iteration) : null));
      if (!visit) {
        replace(element, head, facts(state, null), h('p', { class: 'muted' }, 'Not entered in this execution' + (state.reachable ? '' : ' (unreachable)') + '.'));
        return;
      }
      replace(element, head, facts(state, visit), h('p', { class: 'muted' }, 'Loading…'));
      try {
        const d = await consoleApi('visit', { executionArn, id: String(visit.id) });
        if (mine !== token) return;
        const parts = [head, facts(state, d)];
        if (d.childExecutionArn) parts.push(await child(d.childExecutionArn));
        if (d.error) parts.push(h('div', { class: 'error-box', dataset: { stateError: d.error } }, h('strong', null, d.error), h('p', null, d.cause || '')));
        parts.push(h('h3', null, 'Input'), jsonBlock(d.input), h('h3', null, 'Output'), jsonBlock(d.output));
        if (d.attempts && d.attempts.length) {
          parts.push(h('h3', null, 'Attempts'), h('ol', { class: 'attempts', dataset: { attempts: d.attempts.length } }, d.attempts.map((a, i) =>
            h('li', null, `${date(a.start / 1000)} · ${a.end ? duration(a.end - a.start) : 'running'}`,
              a.error ? h('span', { class: 'bad' }, ` ${a.error}${a.cause ? ': ' + a.cause : ''}`) : '',
              i + 1 < d.attempts.length && a.end ? h('span', { class: 'muted' }, ` · backoff ${duration(d.attempts[i + 1].start - a.end)}`) : ''))));
        }
        parts.push(h('h3', null, 'Events'), h('ul', { class: 'panel-events' }, d.events.map((e) => h('li', null, `#${e.id} `, h('code', null, e.type)))));
        replace(element, ...parts);
      } catch (e) {
        showError(e);
      }
    },
  };
}

/** @param {any} state @param {any} visit */
function facts(state, visit) {
  return h('dl', { class: 'facts' },
    state.resource ? [h('dt', null, 'Resource'), h('dd', null, h('code', null, state.resource))] : null,
    visit ? [h('dt', null, 'Entered'), h('dd', null, date(visit.start / 1000)),
      h('dt', null, 'Duration'), h('dd', null, visit.end ? duration(visit.end - visit.start) : 'running')] : null,
    state.retry ? [h('dt', null, 'Retry'), h('dd', null, state.retry.map((r) => `${r.errorEquals.join(', ')}: ${r.maxAttempts} × ${r.intervalSeconds} s, ×${r.backoffRate}`).join('; '))] : null);
}

/** @param {string} arn */
async function child(arn) {
  const d = await sfn('DescribeExecution', { executionArn: arn });
  return h('div', { class: 'child-box' }, h('h3', null, 'Child execution'),
    h('p', null, h('a', { href: executionHref(arn), dataset: { panelChild: arn } }, d.name), ' ', badge(d.status)));
}
