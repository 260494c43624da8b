// @ts-check
// State statuses for the graph from the state visits, and the tree of visits for the table, both
// through the Map iteration picker: inside a Map, only the picked iteration counts ("all" merges
// every iteration, the most telling status winning).

/** Which status wins when several iterations are merged. */
const RANK = { IN_PROGRESS: 5, FAILED: 4, CAUGHT_ERROR: 3, ABORTED: 2, SUCCEEDED: 1 };

/**
 * @typedef {{id:number, parent?:number, branch?:number, iteration?:number, state:string, type:string,
 *   status:string, start:number, end?:number, attempts?:{start:number,end?:number,error?:string,cause?:string}[],
 *   error?:string, cause?:string, resource?:string, childExecutionArn?:string,
 *   iterations?:{index:number,status:string,start:number,end?:number}[]}} Visit
 * @typedef {Record<string, number|'all'>} Picks the picked iteration per Map state
 */

/** @param {Visit[]} visits */
export function index(visits) {
  return new Map(visits.map((v) => [v.id, v]));
}

/**
 * Whether the visit lies in the picked iteration of every Map around it; and whether one of those
 * picks is "all".
 * @param {Visit} v @param {Map<number, Visit>} byId @param {Picks} picks
 */
export function placement(v, byId, picks) {
  let merged = false;
  for (let c = v; c.parent !== undefined; ) {
    const p = byId.get(c.parent);
    if (!p) break;
    if (p.type === 'Map' && c.iteration !== undefined) {
      const pick = picks[p.state] ?? 'all';
      if (pick === 'all') merged = true;
      else if (pick !== c.iteration) return { visible: false, merged };
    }
    c = p;
  }
  return { visible: true, merged };
}

/**
 * The status to draw for each state name, and the visit each one shows (the latest).
 * @param {Visit[]} visits @param {Picks} picks
 */
export function stateStatuses(visits, picks) {
  const byId = index(visits);
  /** @type {Map<string, string>} */
  const status = new Map();
  /** @type {Map<string, Visit>} */
  const latest = new Map();
  for (const v of visits) {
    const { visible, merged } = placement(v, byId, picks);
    if (!visible) continue;
    const before = status.get(v.state);
    status.set(v.state, merged && before && RANK[before] > RANK[v.status] ? before : v.status);
    latest.set(v.state, v);
  }
  return { status, latest };
}

/** Default picks: every iteration merged, but for Maps too big to merge at a glance. @param {Visit[]} visits */
export function defaultPicks(visits) {
  /** @type {Picks} */
  const picks = {};
  for (const v of visits) {
    if (v.type === 'Map' && !(v.state in picks)) picks[v.state] = (v.iterations?.length || 0) > 100 ? 0 : 'all';
  }
  return picks;
}

/**
 * The table's rows in tree order: each visit followed by its branches' or picked iterations'
 * visits; an iteration row heads each iteration when all are shown.
 * @param {Visit[]} visits @param {Picks} picks @param {Set<number>} collapsed
 * @returns {{visit?: Visit, iteration?: {map: Visit, index: number, status: string}, depth: number}[]}
 */
export function tree(visits, picks, collapsed) {
  /** @type {Map<number|undefined, Visit[]>} */
  const children = new Map();
  for (const v of visits) {
    const list = children.get(v.parent) || [];
    list.push(v);
    children.set(v.parent, list);
  }
  /** @type {{visit?: Visit, iteration?: any, depth: number}[]} */
  const rows = [];
  /** @param {Visit} v @param {number} depth */
  const walk = (v, depth) => {
    rows.push({ visit: v, depth });
    if (collapsed.has(v.id)) return;
    const kids = (children.get(v.id) || []).slice();
    if (v.type === 'Map') {
      const pick = picks[v.state] ?? 'all';
      const its = new Map((v.iterations || []).map((i) => [i.index, i]));
      /** @type {Map<number, Visit[]>} */
      const byIt = new Map();
      for (const k of kids) {
        if (pick !== 'all' && k.iteration !== pick) continue;
        const l = byIt.get(k.iteration ?? -1) || [];
        l.push(k);
        byIt.set(k.iteration ?? -1, l);
      }
      for (const i of [...byIt.keys()].sort((a, b) => a - b)) {
        rows.push({ iteration: { map: v, index: i, status: its.get(i)?.status || 'IN_PROGRESS' }, depth: depth + 1 });
        for (const k of byIt.get(i) || []) walk(k, depth + 2);
      }
    } else {
      kids.sort((a, b) => (a.branch ?? 0) - (b.branch ?? 0) || a.id - b.id);
      for (const k of kids) walk(k, depth + 1);
    }
  };
  for (const v of children.get(undefined) || []) walk(v, 0);
  return rows;
}
