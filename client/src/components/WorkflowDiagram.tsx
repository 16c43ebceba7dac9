/**
 * The workflow as a left-to-right layered SVG: a node's column is its shortest distance from the
 * initial state; edges that go back (objections, returns) arc below. No graph library needed for
 * the dozen states a programme has.
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n';

export interface DiagramNode { id: string; kind: string; title: string; titleEn?: string | null }
export interface DiagramEdge { from: string; to: string; event: string; title?: string | null; titleEn?: string | null; timer?: string | null }
export interface Diagram { nodes: readonly DiagramNode[]; edges: readonly DiagramEdge[] }

const W = 116;
const H = 46;
const GX = 66;
const GY = 30;
const PAD = 16;

const KIND_COLORS: Record<string, { fill: string; stroke: string }> = {
  draft: { fill: '#f5f5f5', stroke: '#8c8c8c' },
  task: { fill: '#e6f4ff', stroke: '#1677ff' },
  notice: { fill: '#fff7e6', stroke: '#fa8c16' },
  final: { fill: '#f6ffed', stroke: '#52c41a' },
};

export function layout(d: Diagram) {
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
  let maxLayer = Math.max(0, ...layer.values());
  for (const n of d.nodes) if (!layer.has(n.id)) layer.set(n.id, ++maxLayer); // unreachable: append
  // Finals go to the last column so the reading order ends with the outcomes.
  const lastNonFinal = Math.max(0, ...d.nodes.filter((n) => n.kind !== 'final').map((n) => layer.get(n.id)!));
  for (const n of d.nodes) if (n.kind === 'final') layer.set(n.id, Math.max(layer.get(n.id)!, lastNonFinal + 1));
  const columns = new Map<number, DiagramNode[]>();
  for (const n of d.nodes) {
    const l = layer.get(n.id)!;
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l)!.push(n);
  }
  const sorted = [...columns.keys()].sort((a, b) => a - b);
  const pos = new Map<string, { x: number; y: number; col: number }>();
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  sorted.forEach((l, col) => {
    const list = columns.get(l)!;
    const offset = ((tallest - list.length) * (H + GY)) / 2;
    list.forEach((n, row) => pos.set(n.id, { x: PAD + col * (W + GX), y: PAD + offset + row * (H + GY), col }));
  });
  const width = PAD * 2 + sorted.length * W + Math.max(0, sorted.length - 1) * GX;
  const height = PAD * 2 + tallest * H + (tallest - 1) * GY + 40;
  return { pos, width, height, bodyHeight: PAD + tallest * H + (tallest - 1) * GY };
}

function wrap(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  return [text.slice(0, max), text.slice(max, max * 2 - 1) + (text.length > max * 2 - 1 ? '…' : '')];
}

export function WorkflowDiagram({ diagram, current, visited, label }: { diagram: Diagram; current?: string | null; visited?: ReadonlySet<string>; label?: string }) {
  const { lang, t } = useI18n();
  const { pos, width, height, bodyHeight } = useMemo(() => layout(diagram), [diagram]);
  const name = (n: { title?: string | null; titleEn?: string | null }) => (lang === 'en' && n.titleEn ? n.titleEn : (n.title ?? ''));
  const maxChars = lang === 'en' ? 16 : 8;

  // Parallel edges between the same pair get spread apart.
  const seen = new Map<string, number>();
  let backIndex = 0;

  return (
    <div className="wf-diagram">
      <svg width="100%" style={{ maxWidth: width }} role="img" aria-label={label ?? t('diagram.label')} viewBox={`0 0 ${width} ${height}`}>
        <defs>
          <marker id="wf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#8c8c8c" />
          </marker>
          <marker id="wf-arrow-back" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#d4380d" />
          </marker>
        </defs>
        {diagram.edges.map((e, i) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          const key = `${e.from}>${e.to}`;
          const k = seen.get(key) ?? 0;
          seen.set(key, k + 1);
          const text = e.timer ? t('diagram.timerLabel') : name(e) || e.event;
          const labelText = text.length > 10 ? text.slice(0, 9) + '…' : text;
          if (b.col > a.col) {
            const x1 = a.x + W;
            const y1 = a.y + H / 2 + k * 8;
            const x2 = b.x;
            const y2 = b.y + H / 2 + k * 8;
            const mx = (x1 + x2) / 2;
            return (
              <g key={i}>
                <path d={`M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2 - 2} ${y2}`} fill="none" stroke="#8c8c8c" strokeWidth={1.4} markerEnd="url(#wf-arrow)" strokeDasharray={e.timer ? '4 3' : undefined} />
                <text x={mx} y={(y1 + y2) / 2 - 5 + k * 13} textAnchor="middle" fontSize={11} fill="#595959">
                  <title>{`${text} (${e.event})`}</title>
                  {labelText}
                </text>
              </g>
            );
          }
          // Back edge or same column: arc under the diagram body.
          const depth = bodyHeight + 8 + (backIndex++ % 3) * 8;
          const x1 = a.x + W / 2 + 10;
          const x2 = b.x + W / 2 - 10;
          const y1 = a.y + H;
          const y2 = b.y + H;
          return (
            <g key={i}>
              <path d={`M ${x1} ${y1} C ${x1} ${depth + 14}, ${x2} ${depth + 14}, ${x2} ${y2 + 2}`} fill="none" stroke="#d4380d" strokeOpacity={0.7} strokeWidth={1.2} markerEnd="url(#wf-arrow-back)" strokeDasharray="5 3" />
              <text x={(x1 + x2) / 2} y={depth + 14} textAnchor="middle" fontSize={11} fill="#d4380d">
                <title>{`${text} (${e.event})`}</title>
                {labelText}
              </text>
            </g>
          );
        })}
        {diagram.nodes.map((n) => {
          const p = pos.get(n.id)!;
          const c = KIND_COLORS[n.kind] ?? KIND_COLORS.task;
          const isCurrent = n.id === current;
          const done = visited?.has(n.id) && !isCurrent;
          const lines = wrap(name(n) || n.id, maxChars);
          return (
            <g key={n.id} aria-current={isCurrent ? 'step' : undefined}>
              <title>{`${name(n)} · ${n.id} · ${t(`diagram.kind.${n.kind}` as never)}`}</title>
              <rect
                x={p.x}
                y={p.y}
                width={W}
                height={H}
                rx={n.kind === 'final' ? H / 2 : 6}
                fill={isCurrent ? '#b71c1c' : done ? '#fafafa' : c.fill}
                stroke={isCurrent ? '#7f0000' : c.stroke}
                strokeWidth={isCurrent ? 3 : 1.5}
                strokeDasharray={n.kind === 'notice' && !isCurrent ? '5 3' : undefined}
              />
              {lines.map((line, i) => (
                <text key={i} x={p.x + W / 2} y={p.y + H / 2 + (i - (lines.length - 1) / 2) * 15 + 4} textAnchor="middle" fontSize={13} fontWeight={isCurrent ? 700 : 500} fill={isCurrent ? '#fff' : done ? '#8c8c8c' : '#262626'}>
                  {line}
                </text>
              ))}
              {done && <text x={p.x + W - 12} y={p.y + 14} fontSize={12} fill="#52c41a">✓</text>}
            </g>
          );
        })}
      </svg>
      <div className="wf-legend" aria-hidden>
        <span><i style={{ background: '#b71c1c' }} />{t('diagram.current')}</span>
        {Object.entries(KIND_COLORS).map(([k, c]) => (
          <span key={k}><i style={{ background: c.fill, border: `1px solid ${c.stroke}` }} />{t(`diagram.kind.${k}` as never)}</span>
        ))}
        <span style={{ color: '#d4380d' }}>┅ {t('diagram.back')}</span>
        <span>┄ {t('diagram.timer')}</span>
      </div>
    </div>
  );
}

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
