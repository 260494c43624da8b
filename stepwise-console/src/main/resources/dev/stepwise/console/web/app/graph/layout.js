// @ts-check
// Lays out the graph the server built (graph JSON from /console/api/graph) with dagre, scope by
// scope and bottom up: each Parallel branch and Map item processor is laid out first, its size
// becomes its container's, then the enclosing scope is laid out. Transitions never leave a scope,
// so no edge crosses a container, and dagre's weak compound-graph support is never needed.
import { graphlib, layout as dagreLayout } from '../../vendor/dagre-3.1.3/dagre.esm.js';

export const NODE_H = 46;
export const HEADER = 30;
export const PAD = 14;
export const GAP = 18;
const ANCHOR = { width: 64, height: 26 };

let ctx = /** @type {CanvasRenderingContext2D|null} */ (null);
/** Text width in the graph's font. @param {string} text @param {string} [font] */
export function measure(text, font = '600 13px system-ui, sans-serif') {
  if (!ctx) ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * 8;
  ctx.font = font;
  return ctx.measureText(text).width;
}

/**
 * @typedef {{x:number, y:number, w:number, h:number}} Box
 * @typedef {{edge: any, points: {x:number,y:number}[], label?: {x:number,y:number,w:number}}} EdgeLayout
 * @typedef {{scope: any, width:number, height:number, boxes: Record<string, Box>, edges: EdgeLayout[], inner: Record<string, ScopeLayout[]>}} ScopeLayout
 */

/** @param {any} graph the root scope @returns {ScopeLayout} */
export function layoutGraph(graph) {
  return layoutScope(graph, true);
}

/** @param {any} scope @param {boolean} root @returns {ScopeLayout} */
function layoutScope(scope, root) {
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 38, edgesep: 14, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  /** @type {Record<string, ScopeLayout[]>} */
  const inner = {};
  for (const st of scope.states) {
    let width, height;
    const title = measure(st.name) + 56;
    if (st.type === 'Parallel' || st.type === 'Map') {
      const parts = (st.type === 'Parallel' ? st.branches : [st.processor]).map((b) => layoutScope(b, false));
      inner[st.name] = parts;
      width = Math.max(title, parts.reduce((a, p) => a + p.width, 0) + GAP * (parts.length - 1) + 2 * PAD);
      height = Math.max(...parts.map((p) => p.height)) + HEADER + 2 * PAD;
    } else {
      width = Math.max(132, title);
      height = NODE_H;
    }
    g.setNode(st.name, { width, height });
  }
  if (root) {
    g.setNode('__start', { ...ANCHOR });
    g.setNode('__end', { ...ANCHOR });
    g.setEdge('__start', scope.startAt, {}, 'start');
  }
  scope.edges.forEach((e, i) => {
    const label = e.label ? { width: measure(e.label, '12px system-ui, sans-serif') + 10, height: 18, labelpos: 'c' } : {};
    g.setEdge(e.from, e.to, { ...label, i }, 'e' + i);
  });
  if (root) {
    for (const st of scope.states) if (st.end) g.setEdge(st.name, '__end', {}, 'end:' + st.name);
  }
  dagreLayout(g);
  /** @type {Record<string, Box>} */
  const boxes = {};
  for (const name of g.nodes()) {
    const n = g.node(name);
    boxes[name] = { x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height };
  }
  /** @type {EdgeLayout[]} */
  const edges = [];
  for (const ref of g.edges()) {
    const e = g.edge(ref);
    const edge =
      ref.name === 'start'
        ? { from: '__start', to: scope.startAt, kind: 'start' }
        : ref.name.startsWith('end:')
          ? { from: ref.v, to: '__end', kind: 'end' }
          : scope.edges[e.i];
    edges.push({
      edge,
      points: e.points || [],
      label: edge.label ? { x: e.x, y: e.y, w: e.width } : undefined,
    });
  }
  // Rule order is the model's order: edges are drawn (and listed in the DOM) in it.
  edges.sort((a, b) => scope.edges.indexOf(a.edge) - scope.edges.indexOf(b.edge));
  const gr = g.graph();
  return { scope, width: gr.width || 0, height: gr.height || 0, boxes, edges, inner };
}
