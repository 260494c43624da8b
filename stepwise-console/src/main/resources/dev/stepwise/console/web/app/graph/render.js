// @ts-check
// Draws a laid-out graph as SVG: one <g data-state> per state (data-type, data-status), containers
// with their branches nested inside, edges with data-kind and, for Choice rules, data-order. Status
// is colour *and* text (each node says its status), with a legend. Pan with the mouse, zoom with
// the wheel or the buttons; export the picture as SVG.
import { h, s } from '../dom.js';
import { statusText } from '../format.js';
import { HEADER, PAD, GAP } from './layout.js';

export const LEGEND = ['NOT_STARTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CAUGHT_ERROR', 'ABORTED'];

const ICON = {
  Task: '⚙',
  Pass: '→',
  Choice: '◇',
  Wait: '◷',
  Succeed: '✓',
  Fail: '✕',
  Parallel: '⇉',
  Map: '⟳',
};

/**
 * @param {import('./layout.js').ScopeLayout} layout
 * @param {{onSelect?: (name: string) => void, showStatus?: boolean}} [opts]
 */
export function drawGraph(layout, opts = {}) {
  /** @type {Map<string, SVGElement>} */
  const nodes = new Map();
  /** @type {SVGElement[]} */
  const edgeEls = [];
  const width = layout.width + 16;
  const height = layout.height + 16;
  const svg = s('svg', {
    class: 'graph',
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `-8 -8 ${width} ${height}`,
    width: Math.ceil(width),
    height: Math.ceil(height),
    role: 'img',
    'aria-label': 'State machine graph',
    dataset: { graph: '' },
  });
  svg.append(
    s(
      'defs',
      null,
      s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' })),
    ),
  );
  const world = s('g', { class: 'world' });
  svg.append(world);
  drawScope(layout, world, true);

  /** @param {import('./layout.js').ScopeLayout} sl @param {SVGElement} parent @param {boolean} root */
  function drawScope(sl, parent, root) {
    const edgeLayer = s('g', { class: 'edges' });
    const nodeLayer = s('g', { class: 'nodes' });
    parent.append(edgeLayer, nodeLayer);
    for (const el of sl.edges) edgeLayer.append(drawEdge(el));
    if (root) {
      for (const [name, text] of [['__start', 'Start'], ['__end', 'End']]) {
        const b = sl.boxes[name];
        nodeLayer.append(
          s('g', { class: 'anchor', transform: `translate(${b.x},${b.y})`, dataset: { anchor: text.toLowerCase() } },
            s('rect', { width: b.w, height: b.h, rx: b.h / 2 }),
            s('text', { x: b.w / 2, y: b.h / 2 + 4, 'text-anchor': 'middle' }, text)),
        );
      }
    }
    for (const st of sl.scope.states) {
      const b = sl.boxes[st.name];
      const parts = sl.inner[st.name];
      const g = s('g', {
        class: parts ? 'state container' : 'state node',
        transform: `translate(${b.x},${b.y})`,
        tabindex: 0,
        dataset: {
          state: st.name,
          type: st.type,
          status: 'NOT_STARTED',
          reachable: String(st.reachable),
          onlyByCatch: st.onlyByCatch ? 'true' : undefined,
          nested: st.nested,
          container: parts ? st.name : undefined,
        },
      });
      const title = s('title', null, title_(st));
      const frame = s('rect', { class: 'frame', width: b.w, height: b.h, rx: parts ? 8 : 6, dataset: { frame: '' } });
      g.append(title, frame);
      const label = s('text', { class: 'name', x: parts ? 10 : b.w / 2, y: parts ? 19 : 19, 'text-anchor': parts ? 'start' : 'middle' },
        (ICON[st.type] || '') + ' ' + st.name);
      const sub = s('text', { class: 'sub', x: parts ? b.w - 10 : b.w / 2, y: parts ? 19 : 36, 'text-anchor': parts ? 'end' : 'middle' },
        st.type + (st.distributed ? ' (distributed)' : ''));
      g.append(label, sub);
      if (st.retry) {
        g.append(s('text', { class: 'badge', x: b.w - 6, y: parts ? b.h - 6 : 12, 'text-anchor': 'end' }, '↻' + st.retry.length));
      }
      if (parts) {
        let x = PAD;
        parts.forEach((p, i) => {
          const bg = s('g', { class: 'branch', transform: `translate(${x},${HEADER + PAD})`, dataset: { scope: p.scope.id } });
          bg.append(s('rect', { class: 'branch-frame', x: -6, y: -6, width: p.width + 12, height: p.height + 12, rx: 6 }));
          if (st.type === 'Parallel') bg.append(s('text', { class: 'branch-label', x: 0, y: -10 }, 'Branch ' + (i + 1)));
          drawScope(p, bg, false);
          g.append(bg);
          x += p.width + GAP;
        });
      }
      g.addEventListener('click', (ev) => {
        ev.stopPropagation();
        opts.onSelect?.(st.name);
      });
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') opts.onSelect?.(st.name);
      });
      nodes.set(st.name, g);
      nodeLayer.append(g);
    }
  }

  /** @param {import('./layout.js').EdgeLayout} el */
  function drawEdge(el) {
    const e = el.edge;
    const d = el.points.map((p, i) => (i ? 'L' : 'M') + p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ');
    const g = s('g', {
      class: 'edge kind-' + e.kind,
      dataset: { from: e.from, to: e.to, kind: e.kind, order: e.order },
    });
    g.append(s('path', { d, 'marker-end': 'url(#arrow)' }));
    if (el.label) {
      const lg = s('g', { class: 'edge-label', transform: `translate(${el.label.x},${el.label.y})` });
      lg.append(s('rect', { x: -el.label.w / 2, y: -9, width: el.label.w, height: 18, rx: 4 }));
      lg.append(s('text', { 'text-anchor': 'middle', y: 4 }, e.label));
      if (e.title) lg.append(s('title', null, e.title));
      g.append(lg);
    }
    edgeEls.push(g);
    return g;
  }

  // Pan and zoom: the viewBox moves, nothing is redrawn.
  let view = { x: -8, y: -8, w: width, h: height };
  const setView = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  /** @param {number} f @param {number} [cx] @param {number} [cy] */
  const zoom = (f, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    view = { x: cx - (cx - view.x) * f, y: cy - (cy - view.y) * f, w: view.w * f, h: view.h * f };
    setView();
  };
  svg.addEventListener('wheel', (ev) => {
    if (!ev.ctrlKey && !ev.metaKey) return;
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, view.x + ((ev.clientX - r.left) / r.width) * view.w, view.y + ((ev.clientY - r.top) / r.height) * view.h);
  }, { passive: false });
  let drag = /** @type {{x:number,y:number,vx:number,vy:number}|null} */ (null);
  svg.addEventListener('pointerdown', (ev) => {
    if (/** @type {Element} */ (ev.target).closest('.state')) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    view.x = drag.vx - ((ev.clientX - drag.x) / r.width) * view.w;
    view.y = drag.vy - ((ev.clientY - drag.y) / r.height) * view.h;
    setView();
  });
  svg.addEventListener('pointerup', () => (drag = null));

  const fit = () => {
    view = { x: -8, y: -8, w: width, h: height };
    setView();
  };
  const exportSvg = () => {
    const copy = /** @type {SVGElement} */ (svg.cloneNode(true));
    copy.setAttribute('viewBox', `-8 -8 ${width} ${height}`);
    copy.setAttribute('width', String(width));
    copy.setAttribute('height', String(height));
    const styleText = [...document.styleSheets]
      .flatMap((sh) => { try { return [...sh.cssRules].map((r) => r.cssText); } catch { return []; } })
      .filter((t) => /\.(graph|state|edge|node|container|branch|anchor|arrowhead)|\[data-status/.test(t))
      .join('\n');
    copy.insertBefore(s('style', null, styleText), copy.firstChild);
    const blob = new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' });
    const a = h('a', { href: URL.createObjectURL(blob), download: 'state-machine.svg' });
    document.body.append(a);
    a.click();
    a.remove();
  };
  const toolbar = h('div', { class: 'graph-tools' },
    h('button', { type: 'button', onclick: () => zoom(1 / 1.25), title: 'Zoom in' }, '+'),
    h('button', { type: 'button', onclick: () => zoom(1.25), title: 'Zoom out' }, '−'),
    h('button', { type: 'button', onclick: fit, title: 'Fit the graph' }, 'Fit'),
    h('button', { type: 'button', onclick: exportSvg, title: 'Download as SVG' }, 'SVG'));
  const legend = h('ul', { class: 'legend', dataset: { legend: '' } },
    LEGEND.map((st) => h('li', { dataset: { status: st } }, h('span', { class: 'swatch' }), statusText(st))));
  const wrap = h('div', { class: 'graph-wrap' }, toolbar, h('div', { class: 'graph-view' }, svg));
  if (opts.showStatus) wrap.append(legend);

  return {
    element: wrap,
    svg,
    nodes,
    /** @param {(name: string) => string} statusOf @param {Set<string>} [visited] */
    paint(statusOf, visited) {
      for (const [name, g] of nodes) {
        const st = statusOf(name);
        if (g.dataset.status !== st) {
          g.dataset.status = st;
          const sub = g.querySelector(':scope > text.sub');
          const type = g.dataset.type || '';
          if (sub) sub.textContent = st === 'NOT_STARTED' ? type : type + ' · ' + statusText(st);
        }
      }
      if (visited) {
        for (const e of edgeEls) {
          const taken = (e.dataset.from === '__start' || visited.has(e.dataset.from || '')) && visited.has(e.dataset.to || '');
          e.classList.toggle('taken', taken);
        }
      }
    },
    /** @param {string|null} name */
    select(name) {
      for (const [n, g] of nodes) g.classList.toggle('selected', n === name);
    },
    /** A nested task's child execution: a link and its live status on the node. */
    child(name, arn, status) {
      const g = nodes.get(name);
      if (!g) return;
      let link = /** @type {SVGElement|null} */ (g.querySelector(':scope > a.child'));
      if (!link) {
        const b = /** @type {SVGRectElement} */ (g.querySelector(':scope > rect'));
        link = s('a', { class: 'child', href: '#/executions/' + encodeURIComponent(arn), dataset: { childLink: arn } },
          s('text', { x: Number(b.getAttribute('width')) / 2, y: Number(b.getAttribute('height')) + 14, 'text-anchor': 'middle' }, ''));
        g.append(link);
      }
      link.dataset.childStatus = status;
      const t = link.querySelector('text');
      if (t) t.textContent = '↳ child: ' + statusText(status);
    },
  };
}

/** @param {any} st */
function title_(st) {
  const lines = [st.name + ' (' + st.type + ')'];
  if (st.comment) lines.push(st.comment);
  if (st.resource) lines.push(st.resource);
  if (!st.reachable) lines.push('Unreachable: no transition leads here');
  if (st.onlyByCatch) lines.push('Reached only through a Catch');
  if (st.retry) lines.push('Retry: ' + st.retry.map((r) => r.errorEquals.join(', ') + ' ×' + r.maxAttempts).join('; '));
  return lines.join('\n');
}
