/**
 * Layout of a workflow diagram, pure (no React, no DOM) so it can be unit-tested.
 *
 * Nodes: a node's column is its shortest distance from the initial state; final states go to the
 * last column. Edges are routed by kind so that busy workflows stay readable:
 * - `forward` (to the next column): a curve from the source's right side to the target's left side;
 * - `long` (forward over several columns): up over the diagram in a lane of its own, then into the
 *   target's left side, so it never crosses a node;
 * - `back` (returns, objections: to an earlier column): down under the diagram in a lane of its
 *   own and up into the target;
 * - `vertical` (same column, neighbouring rows): a short straight line in the gap between them;
 * - `self` (a state that loops to itself, e.g. one of several verifications): a small loop on top.
 * Lanes are packed (edges whose spans do not overlap share one; shorter spans nearer the nodes),
 * edges that meet a node side get their own port, and labels that would still collide are moved.
 */

export interface DiagramNode { id: string; kind: string; title: string; titleEn?: string | null }
export interface DiagramEdge { from: string; to: string; event: string; title?: string | null; titleEn?: string | null; timer?: string | null }
export interface Diagram { nodes: readonly DiagramNode[]; edges: readonly DiagramEdge[] }

export const NODE_W = 116;
export const NODE_H = 46;
const GX = 84;
const GY = 30;
const PAD = 16;
const LANE = 16;
const SELF_LOOP = 26;
export const LABEL_FONT = 11;

export type EdgeKind = 'forward' | 'long' | 'back' | 'vertical' | 'self';
export interface NodeBox { x: number; y: number; col: number; row: number }
export interface LabelBox { x: number; y: number; anchor: 'middle' | 'start'; text: string; full: string; w: number }
export interface EdgeShape { index: number; edge: DiagramEdge; kind: EdgeKind; d: string; label: LabelBox }
export interface Layout { pos: Map<string, NodeBox>; edges: EdgeShape[]; width: number; height: number }

/** Shortens to `max` characters with an ellipsis (the full text goes to the tooltip). */
export function shortLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** Approximate width in pixels: CJK characters are square, Latin ones about 0.6 em. */
export function textWidth(text: string, font = LABEL_FONT): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? font : font * 0.6;
  return w;
}

/** Column of every node: breadth-first distance from the initial state; finals last. */
export function columns(d: Diagram): Map<string, number> {
  const start = d.nodes.find((n) => n.kind === 'draft') ?? d.nodes[0];
  const layer = new Map<string, number>();
  if (start) {
    layer.set(start.id, 0);
    const queue = [start.id];
    while (queue.length) {
      const id = queue.shift()!;
      for (const e of d.edges) if (e.from === id && !layer.has(e.to)) {
        layer.set(e.to, layer.get(id)! + 1);
        queue.push(e.to);
      }
    }
  }
  let max = Math.max(0, ...layer.values());
  for (const n of d.nodes) if (!layer.has(n.id)) layer.set(n.id, ++max); // unreachable: appended
  const lastNonFinal = Math.max(0, ...d.nodes.filter((n) => n.kind !== 'final').map((n) => layer.get(n.id)!));
  for (const n of d.nodes) if (n.kind === 'final') layer.set(n.id, Math.max(layer.get(n.id)!, lastNonFinal + 1));
  // Renumber so that there are no empty columns.
  const used = [...new Set(layer.values())].sort((a, b) => a - b);
  const out = new Map<string, number>();
  for (const [id, l] of layer) out.set(id, used.indexOf(l));
  return out;
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] + 12 && b[0] < a[1] + 12;

/** Greedy interval packing: shortest spans first, each in the first lane where it fits. */
function packLanes(spans: { key: number; span: [number, number] }[]): Map<number, number> {
  const lanes: [number, number][][] = [];
  const out = new Map<number, number>();
  for (const s of [...spans].sort((a, b) => a.span[1] - a.span[0] - (b.span[1] - b.span[0]))) {
    let i = lanes.findIndex((lane) => lane.every((o) => !overlaps(o, s.span)));
    if (i < 0) i = lanes.push([]) - 1;
    lanes[i].push(s.span);
    out.set(s.key, i);
  }
  return out;
}

export function layout(d: Diagram, labelOf: (e: DiagramEdge) => string = (e) => e.title || e.event, maxChars = 6): Layout {
  const col = columns(d);
  const byCol = new Map<number, DiagramNode[]>();
  for (const n of d.nodes) {
    const c = col.get(n.id)!;
    if (!byCol.has(c)) byCol.set(c, []);
    byCol.get(c)!.push(n);
  }
  const ncols = byCol.size;
  const tallest = Math.max(1, ...[...byCol.values()].map((l) => l.length));
  const bodyH = tallest * NODE_H + (tallest - 1) * GY;
  const pos = new Map<string, NodeBox>();
  for (const [c, list] of byCol) {
    const offset = ((tallest - list.length) * (NODE_H + GY)) / 2;
    list.forEach((n, row) => pos.set(n.id, { x: PAD + c * (NODE_W + GX), y: offset + row * (NODE_H + GY), col: c, row }));
  }
  const colSize = (c: number) => byCol.get(c)?.length ?? 0;
  const isTop = (b: NodeBox) => b.row === 0;
  const isBottom = (b: NodeBox) => b.row === colSize(b.col) - 1;

  // Classify, and choose the side (over or under the body) of every lane-routed edge.
  type Routed = { i: number; e: DiagramEdge; a: NodeBox; b: NodeBox; kind: EdgeKind; side?: 'top' | 'bottom' };
  const routed: Routed[] = [];
  d.edges.forEach((e, i) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) return;
    let kind: EdgeKind;
    if (e.from === e.to) kind = 'self';
    else if (b.col === a.col + 1) kind = 'forward';
    else if (b.col > a.col) kind = 'long';
    else if (b.col === a.col && Math.abs(b.row - a.row) === 1) kind = 'vertical';
    else kind = 'back';
    let side: 'top' | 'bottom' | undefined;
    if (kind === 'long') side = isTop(a) || !isBottom(a) ? 'top' : 'bottom';
    if (kind === 'back') side = isBottom(a) && isBottom(b) ? 'bottom' : isTop(a) && isTop(b) ? 'top' : 'bottom';
    routed.push({ i, e, a, b, kind, side });
  });

  // Ports: edges meeting the same side of a node are spread along it, ordered by the other end.
  const ports = new Map<string, { key: number; order: number }[]>();
  const addPort = (node: string, side: string, key: number, order: number) => {
    const k = `${node}:${side}`;
    if (!ports.has(k)) ports.set(k, []);
    ports.get(k)!.push({ key, order });
  };
  for (const r of routed) {
    const cx = (b: NodeBox) => b.x + NODE_W / 2;
    const cy = (b: NodeBox) => b.y + NODE_H / 2;
    if (r.kind === 'forward') {
      addPort(r.e.from, 'right', r.i * 2, cy(r.b));
      addPort(r.e.to, 'left', r.i * 2 + 1, cy(r.a));
    } else if (r.kind === 'long') {
      addPort(r.e.from, r.side!, r.i * 2, cx(r.b));
      addPort(r.e.to, 'left', r.i * 2 + 1, r.side === 'top' ? -1e6 + cx(r.a) : 1e6 - cx(r.a));
    } else if (r.kind === 'back') {
      addPort(r.e.from, r.side!, r.i * 2, cx(r.b));
      addPort(r.e.to, r.side!, r.i * 2 + 1, cx(r.a));
    }
  }
  const port = (node: string, side: 'left' | 'right' | 'top' | 'bottom', key: number): number => {
    const list = (ports.get(`${node}:${side}`) ?? []).sort((p, q) => p.order - q.order || p.key - q.key);
    const i = list.findIndex((p) => p.key === key);
    const n = list.length;
    const b = pos.get(node)!;
    const along = side === 'left' || side === 'right' ? NODE_H - 12 : NODE_W - 24;
    const start = side === 'left' || side === 'right' ? b.y + 6 : b.x + 12;
    return start + (along * (i + 1)) / (n + 1);
  };

  // Lanes above and below.
  const spanOf = (r: Routed): [number, number] => {
    const x1 = r.a.x;
    const x2 = r.b.x;
    return [Math.min(x1, x2), Math.max(x1, x2) + NODE_W];
  };
  const topLane = packLanes(routed.filter((r) => r.side === 'top').map((r) => ({ key: r.i, span: spanOf(r) })));
  const bottomLane = packLanes(routed.filter((r) => r.side === 'bottom').map((r) => ({ key: r.i, span: spanOf(r) })));
  const nTop = Math.max(0, ...[...topLane.values()].map((v) => v + 1));
  const nBottom = Math.max(0, ...[...bottomLane.values()].map((v) => v + 1));
  const hasSelf = routed.some((r) => r.kind === 'self');
  const top = PAD + (nTop ? nTop * LANE + 8 : 0) + (hasSelf ? SELF_LOOP + 6 : 0);
  for (const b of pos.values()) b.y += top;
  const bodyTop = top;
  const bodyBottom = top + bodyH;
  const laneY = (side: 'top' | 'bottom', lane: number) => (side === 'top' ? bodyTop - 14 - (hasSelf ? SELF_LOOP : 0) - lane * LANE : bodyBottom + 16 + lane * LANE);

  const placed: { x1: number; x2: number; y1: number; y2: number }[] = [];
  const label = (full: string, x: number, y: number, anchor: 'middle' | 'start' = 'middle'): LabelBox => {
    const text = shortLabel(full, maxChars);
    const w = textWidth(text);
    const box = (yy: number) => ({ x1: anchor === 'middle' ? x - w / 2 : x, x2: anchor === 'middle' ? x + w / 2 : x + w, y1: yy - LABEL_FONT, y2: yy + 2 });
    let yy = y;
    for (let k = 1; k < 8; k++) {
      const bx = box(yy);
      if (!placed.some((p) => p.x1 < bx.x2 && bx.x1 < p.x2 && p.y1 < bx.y2 && bx.y1 < p.y2)) break;
      yy = y + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * (LABEL_FONT + 2);
    }
    placed.push(box(yy));
    return { x, y: yy, anchor, text, full, w };
  };

  const edges: EdgeShape[] = [];
  const order: EdgeKind[] = ['self', 'vertical', 'long', 'back', 'forward'];
  for (const kind of order) for (const r of routed.filter((x) => x.kind === kind)) {
    const { a, b, e, i } = r;
    const full = labelOf(e);
    let dpath: string;
    let lab: LabelBox;
    if (kind === 'self') {
      const x1 = a.x + NODE_W / 2 + 14;
      const x2 = a.x + NODE_W / 2 - 14;
      const y = a.y;
      dpath = `M ${x1} ${y} C ${x1 + 6} ${y - SELF_LOOP}, ${x2 - 6} ${y - SELF_LOOP}, ${x2} ${y - 2}`;
      lab = label(full, a.x + NODE_W / 2, y - SELF_LOOP + 2);
    } else if (kind === 'vertical') {
      const down = b.row > a.row;
      const x = a.x + NODE_W / 2;
      const y1 = down ? a.y + NODE_H : a.y;
      const y2 = down ? b.y - 2 : b.y + NODE_H + 2;
      dpath = `M ${x} ${y1} L ${x} ${y2}`;
      lab = label(full, x + 6, (y1 + y2) / 2 + 4, 'start');
    } else if (kind === 'forward') {
      const x1 = a.x + NODE_W;
      const y1 = port(e.from, 'right', i * 2);
      const x2 = b.x;
      const y2 = port(e.to, 'left', i * 2 + 1);
      const mx = (x1 + x2) / 2;
      dpath = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2 - 2} ${y2}`;
      lab = label(full, mx, (y1 + y2) / 2 - 5);
    } else {
      const side = r.side!;
      const ly = laneY(side, (side === 'top' ? topLane : bottomLane).get(i)!);
      const sx = port(e.from, side, i * 2);
      const sy = side === 'top' ? a.y : a.y + NODE_H;
      const rr = 6;
      const dir = side === 'top' ? -1 : 1;
      if (kind === 'long') {
        // over (or under) the body, then down the gap before the target into its left side
        const gx = b.x - GX / 2 + ((side === 'top' ? topLane : bottomLane).get(i)! % 4) * 6 - 9;
        const ty = port(e.to, 'left', i * 2 + 1);
        dpath = `M ${sx} ${sy} L ${sx} ${ly - dir * rr} Q ${sx} ${ly}, ${sx + rr} ${ly} L ${gx - rr} ${ly} Q ${gx} ${ly}, ${gx} ${ly - dir * rr} L ${gx} ${ty + dir * rr} Q ${gx} ${ty}, ${gx + rr} ${ty} L ${b.x - 2} ${ty}`;
        lab = label(full, sx + 8, ly - 3, 'start');
      } else {
        const tx = port(e.to, side, i * 2 + 1);
        const ty = side === 'top' ? b.y - 2 : b.y + NODE_H + 2;
        const left = tx < sx;
        const s = left ? -1 : 1;
        dpath = `M ${sx} ${sy} L ${sx} ${ly - dir * rr} Q ${sx} ${ly}, ${sx + s * rr} ${ly} L ${tx - s * rr} ${ly} Q ${tx} ${ly}, ${tx} ${ly - dir * rr} L ${tx} ${ty}`;
        lab = label(full, (sx + tx) / 2, side === 'top' ? ly - 3 : ly + LABEL_FONT + 1);
      }
    }
    edges.push({ index: i, edge: e, kind, d: dpath, label: lab });
  }
  edges.sort((p, q) => p.index - q.index);

  const width = PAD * 2 + ncols * NODE_W + Math.max(0, ncols - 1) * GX;
  const height = bodyBottom + (nBottom ? 16 + nBottom * LANE + 4 : 0) + PAD;
  return { pos, edges, width, height };
}
