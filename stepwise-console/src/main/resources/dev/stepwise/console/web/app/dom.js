// @ts-check
// Tiny DOM helpers. Text always goes in as text (textContent / text nodes), never as HTML:
// payloads, names and errors can hold anything.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('div', {class: 'x', dataset: {state: 'A'}, onclick: fn}, 'text', child, [more])
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/**
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...any} children
 * @returns {SVGElement}
 */
export function s(tag, attrs, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  apply(el, attrs);
  append(el, children);
  return el;
}

/** @param {Element} el @param {Record<string, any>|null|undefined} attrs */
function apply(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) {
        if (dv !== undefined && dv !== null) /** @type {HTMLElement} */ (el).dataset[dk] = String(dv);
      }
    } else if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'value' && 'value' in el) {
      /** @type {HTMLInputElement} */ (el).value = v;
    } else if (k === 'checked' && 'checked' in el) {
      /** @type {HTMLInputElement} */ (el).checked = !!v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

/** @param {Node} el @param {any[]} children */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Empties el and fills it with children. @param {Element} el @param {...any} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** @param {string} text */
export function text(text) {
  return document.createTextNode(text);
}
