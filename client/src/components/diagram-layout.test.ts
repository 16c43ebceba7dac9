import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columns, layout, NODE_H, NODE_W, shortLabel, textWidth, type Diagram, type LabelBox } from './diagram-layout';
import { diagramFromWorkflow } from './diagram-from-workflow';

const workflow = (key: string) => diagramFromWorkflow(JSON.parse(fs.readFileSync(new URL(`../../../workflows/${key}.json`, import.meta.url), 'utf8')))!;

const box = (l: LabelBox) => {
  const x1 = l.anchor === 'middle' ? l.x - l.w / 2 : l.x;
  return { x1, x2: x1 + l.w, y1: l.y - 11, y2: l.y + 2 };
};
const hit = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

const simple: Diagram = {
  nodes: [
    { id: 'draft', kind: 'draft', title: '填报' },
    { id: 'review', kind: 'task', title: '审核' },
    { id: 'approved', kind: 'final', title: '批准' },
    { id: 'rejected', kind: 'final', title: '不批准' },
  ],
  edges: [
    { from: 'draft', to: 'review', event: 'SUBMIT', title: '提交' },
    { from: 'review', to: 'approved', event: 'APPROVE', title: '同意' },
    { from: 'review', to: 'rejected', event: 'REJECT', title: '不同意' },
    { from: 'review', to: 'draft', event: 'RETURN', title: '退回修改' },
  ],
};

describe('columns', () => {
  it('places states by distance from the initial state, finals last', () => {
    const c = columns(simple);
    expect([c.get('draft'), c.get('review'), c.get('approved'), c.get('rejected')]).toEqual([0, 1, 2, 2]);
  });

  it('moves a final reachable early to the last column', () => {
    const d: Diagram = { nodes: [...simple.nodes, { id: 'withdrawn', kind: 'final', title: '撤回' }], edges: [...simple.edges, { from: 'draft', to: 'withdrawn', event: 'WITHDRAW' }] };
    expect(columns(d).get('withdrawn')).toBe(2);
  });

  it('appends unreachable states after the others', () => {
    const d: Diagram = { nodes: [...simple.nodes, { id: 'orphan', kind: 'task', title: '孤立' }], edges: simple.edges };
    expect(columns(d).get('orphan')).toBeGreaterThan(columns(d).get('review')!);
  });
});

describe('layout', () => {
  it('classifies edges: forward, back under the body', () => {
    const l = layout(simple);
    expect(l.edges.map((e) => e.kind)).toEqual(['forward', 'forward', 'forward', 'back']);
    const back = l.edges[3];
    const lowestNode = Math.max(...[...l.pos.values()].map((p) => p.y + NODE_H));
    expect(back.label.y).toBeGreaterThan(lowestNode); // the label is under the diagram, not on a node
    expect(l.height).toBeGreaterThan(back.label.y);
  });

  it('gives two edges into one column from one node separate ports', () => {
    const l = layout(simple);
    const [, toApproved, toRejected] = l.edges;
    const startY = (d: string) => Number(d.split(' ')[2]);
    expect(startY(toApproved.d)).not.toBe(startY(toRejected.d));
  });

  it('shortens long labels and keeps the full text', () => {
    const d: Diagram = { ...simple, edges: [{ from: 'draft', to: 'review', event: 'SUBMIT', title: '提交到乡镇人民政府审核' }] };
    const [e] = layout(d).edges;
    expect(e.label.text).toBe('提交到乡镇…');
    expect(e.label.full).toBe('提交到乡镇人民政府审核');
  });

  it('draws a loop to itself above the node', () => {
    const d: Diagram = { nodes: simple.nodes, edges: [...simple.edges, { from: 'review', to: 'review', event: 'VERIFY', title: '核实' }] };
    const l = layout(d);
    const self = l.edges.find((e) => e.kind === 'self')!;
    expect(self.label.y).toBeLessThan(l.pos.get('review')!.y);
    expect(self.label.y).toBeGreaterThan(0);
  });

  for (const key of ['identification', 'monitoring', 'dibao', 'housing', 'yulu']) {
    describe(`the ${key} workflow`, () => {
      const d = workflow(key);
      const l = layout(d);

      it('has a position for every node and a shape for every edge', () => {
        expect(l.pos.size).toBe(d.nodes.length);
        expect(l.edges).toHaveLength(d.edges.length);
      });

      it('has no two edge labels on top of each other', () => {
        const boxes = l.edges.map((e) => box(e.label));
        const clashes: string[] = [];
        boxes.forEach((a, i) => boxes.forEach((b, j) => j > i && hit(a, b) && clashes.push(`${l.edges[i].label.full} × ${l.edges[j].label.full}`)));
        expect(clashes).toEqual([]);
      });

      it('puts no edge label over a state', () => {
        const nodes = [...l.pos.values()].map((p) => ({ x1: p.x, x2: p.x + NODE_W, y1: p.y, y2: p.y + NODE_H }));
        const over = l.edges.filter((e) => nodes.some((n) => hit(box(e.label), n))).map((e) => e.label.full);
        expect(over).toEqual([]);
      });

      it('keeps everything inside the drawing', () => {
        for (const p of l.pos.values()) {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x + NODE_W).toBeLessThanOrEqual(l.width);
          expect(p.y).toBeGreaterThanOrEqual(0);
          expect(p.y + NODE_H).toBeLessThanOrEqual(l.height);
        }
        for (const e of l.edges) {
          const b = box(e.label);
          expect(b.y1).toBeGreaterThanOrEqual(0);
          expect(b.y2).toBeLessThanOrEqual(l.height);
        }
      });
    });
  }

  it('routes long forward edges over the body (identification: three steps can reject)', () => {
    const l = layout(workflow('identification'));
    const long = l.edges.filter((e) => e.kind === 'long');
    expect(long.length).toBeGreaterThanOrEqual(3);
    const top = Math.min(...[...l.pos.values()].map((p) => p.y));
    for (const e of long) expect(e.label.y).toBeLessThan(top);
  });
});

describe('labels', () => {
  it('shortLabel keeps short text and counts characters, not UTF-16 units', () => {
    expect(shortLabel('提交', 6)).toBe('提交');
    expect(shortLabel('一二三四五六', 6)).toBe('一二三四五六');
    expect(shortLabel('一二三四五六七', 6)).toBe('一二三四五…');
    expect(shortLabel('Approve and publish', 8)).toBe('Approve…');
  });

  it('textWidth counts Chinese as square and Latin as narrower', () => {
    expect(textWidth('审核', 11)).toBe(22);
    expect(textWidth('ab', 10)).toBeCloseTo(12);
  });
});

describe('diagramFromWorkflow', () => {
  it('reads states, titles, events and timers', () => {
    const d = workflow('identification');
    expect(d.nodes[0].id).toBe('draft');
    expect(d.nodes.find((n) => n.id === 'filed')).toMatchObject({ kind: 'final', title: '建档立卡' });
    const timer = d.edges.find((e) => e.from === 'village_notice' && e.timer);
    expect(timer).toMatchObject({ to: 'township_review', title: '公示期满', titleEn: 'Notice period ended' });
  });

  it('returns null for something that is not a workflow', () => {
    expect(diagramFromWorkflow(null)).toBeNull();
    expect(diagramFromWorkflow({ states: 3 })).toBeNull();
  });

  it('skips transitions to unknown states', () => {
    const d = diagramFromWorkflow({ initial: 'a', states: { a: { on: { GO: 'nowhere', OK: 'b' } }, b: { type: 'final' } } })!;
    expect(d.edges).toEqual([expect.objectContaining({ from: 'a', to: 'b', event: 'OK' })]);
    expect(d.nodes.map((n) => n.kind)).toEqual(['task', 'final']);
  });
});
