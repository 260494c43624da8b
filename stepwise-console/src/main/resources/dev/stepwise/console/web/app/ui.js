// @ts-check
// Small pieces every page uses: status badges, links, copy buttons, tabs, JSON blocks, the error
// banner and the page-ready flag the browser tests wait for.
import { h, replace } from './dom.js';
import { statusText, pretty } from './format.js';

/** @param {string} arn */
export const executionHref = (arn) => '#/executions/' + encodeURIComponent(arn);
/** @param {string} arn */
export const machineHref = (arn) => '#/state-machines/' + encodeURIComponent(arn);

/** @param {string} status */
export function badge(status) {
  return h('span', { class: 'badge-status', dataset: { status } }, statusText(status));
}

/** @param {string} text @param {string} [label] */
export function copyButton(text, label = 'Copy') {
  const b = h('button', { type: 'button', class: 'copy', title: 'Copy to the clipboard' }, label);
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'Copied';
    } catch {
      b.textContent = 'Select and copy';
    }
    setTimeout(() => (b.textContent = label), 1500);
  });
  return b;
}

/** An ARN, selectable, with a copy button. @param {string} arn */
export function arnLine(arn) {
  return h('span', { class: 'arn' }, h('code', { dataset: { arn } }, arn), ' ', copyButton(arn));
}

/**
 * Tabs: [{id, label, render: (panel) => void}]; the first is shown, each rendered on first show.
 * @param {{id: string, label: string, render: (panel: HTMLElement) => void}[]} tabs
 * @param {string} [initial]
 */
export function tabs(tabs, initial) {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  const panels = h('div', { class: 'tab-panels' });
  /** @type {Record<string, HTMLElement>} */
  const made = {};
  const show = (/** @type {string} */ id) => {
    for (const b of bar.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.dataset.tab === id));
    for (const p of panels.children) /** @type {HTMLElement} */ (p).hidden = /** @type {HTMLElement} */ (p).dataset.panel !== id;
    if (!made[id]) {
      const t = tabs.find((x) => x.id === id);
      if (!t) return;
      made[id] = h('div', { class: 'tab-panel', dataset: { panel: id }, role: 'tabpanel' });
      panels.append(made[id]);
      t.render(made[id]);
    }
  };
  for (const t of tabs) {
    bar.append(h('button', { type: 'button', role: 'tab', dataset: { tab: t.id }, onclick: () => show(t.id) }, t.label));
  }
  show(initial || tabs[0].id);
  return { element: h('div', { class: 'tabbed' }, bar, panels), show };
}

/** A JSON text pretty-printed as text (never HTML), folded when long. @param {string|undefined} text */
export function jsonBlock(text, open = true) {
  if (text === undefined || text === null) return h('p', { class: 'muted' }, 'None');
  const body = pretty(text);
  const pre = h('pre', { class: 'json' }, body);
  if (body.length < 4000 && open) return pre;
  return h('details', { class: 'json-fold' }, h('summary', null, `JSON (${text.length.toLocaleString()} characters)`), pre);
}

/** @param {any} error */
export function showError(error) {
  const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));
  const type = error && error.type ? error.type + ': ' : '';
  replace(banner, h('strong', null, type), String(error && error.message !== undefined ? error.message : error),
    h('button', { type: 'button', class: 'close', onclick: () => (banner.hidden = true) }, '×'));
  banner.dataset.error = error && error.type ? error.type : 'Error';
  banner.hidden = false;
}

export function clearError() {
  const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));
  banner.hidden = true;
  delete banner.dataset.error;
}

/** The page is drawn and its first data is in: what the browser tests wait for. */
export function ready() {
  document.body.dataset.ready = 'true';
}

/** @param {string} title @param {...any} content */
export function section(title, ...content) {
  return h('section', { class: 'card' }, h('h2', null, title), ...content);
}
