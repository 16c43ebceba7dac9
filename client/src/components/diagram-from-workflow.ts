/** Workflow JSON → diagram nodes and edges, pure (the designer's live preview). */
import type { Diagram, DiagramEdge, DiagramNode } from './diagram-layout';

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The diagram computed in the browser from workflow JSON, for the designer's live preview
 * (the server computes the same shape as `ProgrammeVersion.diagram`).
 */
export function diagramFromWorkflow(wf: unknown): Diagram | null {
  if (!wf || typeof wf !== 'object') return null;
  const states = (wf as { states?: Record<string, any> }).states;
  if (!states || typeof states !== 'object') return null;
  const title = (m: any) => ({ title: m?.title?.zh ?? m?.title ?? '', titleEn: m?.title?.en ?? null });
  const nodes: DiagramNode[] = Object.entries(states).map(([id, s]) => ({
    id,
    kind: s?.meta?.kind ?? (s?.type === 'final' ? 'final' : 'task'),
    ...(() => {
      const tt = title(s?.meta);
      return { title: typeof tt.title === 'string' && tt.title ? tt.title : id, titleEn: tt.titleEn };
    })(),
  }));
  const edges: DiagramEdge[] = [];
  const push = (from: string, event: string, spec: any, timer?: string) => {
    const list = Array.isArray(spec) ? spec : [spec];
    for (const s of list) {
      const target = typeof s === 'string' ? s : s?.target;
      if (typeof target !== 'string' || !(target in states)) continue;
      const tt = title(typeof s === 'object' ? s?.meta : null);
      edges.push({ from, to: target, event, title: typeof tt.title === 'string' ? tt.title || null : null, titleEn: tt.titleEn, timer: timer ?? null });
    }
  };
  for (const [id, s] of Object.entries(states)) {
    for (const [event, spec] of Object.entries(s?.on ?? {})) push(id, event, spec);
    for (const [delay, spec] of Object.entries(s?.after ?? {})) push(id, `after ${delay}`, spec, delay);
  }
  const initial = (wf as { initial?: string }).initial;
  if (initial && nodes.length) nodes.sort((a, b) => (a.id === initial ? -1 : b.id === initial ? 1 : 0));
  return { nodes, edges };
}
