/**
 * The workflow as a left-to-right layered SVG (layout and edge routing in diagram-layout.ts).
 * Edge labels are short; the full text and the event name are in each edge's tooltip.
 */
import { useMemo } from 'react';
import { useI18n } from '../i18n';
import { layout, NODE_H as H, NODE_W as W, LABEL_FONT, type Diagram, type DiagramEdge } from './diagram-layout';

export type { Diagram, DiagramEdge, DiagramNode } from './diagram-layout';
export { diagramFromWorkflow } from './diagram-from-workflow';

const KIND_COLORS: Record<string, { fill: string; stroke: string }> = {
  draft: { fill: '#f5f5f5', stroke: '#8c8c8c' },
  task: { fill: '#e6f4ff', stroke: '#1677ff' },
  notice: { fill: '#fff7e6', stroke: '#fa8c16' },
  final: { fill: '#f6ffed', stroke: '#52c41a' },
};

function wrap(text: string, max: number): string[] {
  const chars = [...text];
  if (chars.length <= max) return [text];
  return [chars.slice(0, max).join(''), chars.slice(max, max * 2 - 1).join('') + (chars.length > max * 2 - 1 ? '…' : '')];
}

/**
 * `flagged` marks states (by id) and transitions (by `from event`) a check found problems with;
 * `onSelect` makes the states clickable (the workflow editor).
 */
export function WorkflowDiagram({ diagram, current, visited, label, flagged, onSelect }: {
  diagram: Diagram; current?: string | null; visited?: ReadonlySet<string>; label?: string;
  flagged?: ReadonlyMap<string, 'error' | 'warning'>; onSelect?: (state: string) => void;
}) {
  const { lang, t } = useI18n();
  const name = (n: { title?: string | null; titleEn?: string | null }) => (lang === 'en' && n.titleEn ? n.titleEn : (n.title ?? ''));
  const edgeText = (e: DiagramEdge) => name(e) || (e.timer ? t('diagram.timerLabel') : e.event);
  const { pos, edges, width, height } = useMemo(
    () => layout(diagram, edgeText, lang === 'en' ? 14 : 6),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [diagram, lang],
  );
  const maxChars = lang === 'en' ? 16 : 8;

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
        {edges.map(({ index, edge: e, kind, d }) => {
          const back = kind === 'back' || kind === 'vertical' && (pos.get(e.to)?.row ?? 0) < (pos.get(e.from)?.row ?? 0);
          const flag = flagged?.get(`${e.from} ${e.event}`);
          return (
            <path
              key={index}
              d={d}
              fill="none"
              data-flag={flag}
              stroke={flag === 'error' ? '#cf1322' : flag ? '#d48806' : back ? '#d4380d' : '#8c8c8c'}
              strokeOpacity={back ? 0.75 : 1}
              strokeWidth={back ? 1.2 : 1.4}
              markerEnd={back ? 'url(#wf-arrow-back)' : 'url(#wf-arrow)'}
              strokeDasharray={e.timer ? '4 3' : back ? '5 3' : undefined}
            />
          );
        })}
        {diagram.nodes.map((n) => {
          const p = pos.get(n.id)!;
          const c = KIND_COLORS[n.kind] ?? KIND_COLORS.task;
          const isCurrent = n.id === current;
          const done = visited?.has(n.id) && !isCurrent;
          const lines = wrap(name(n) || n.id, maxChars);
          const flag = flagged?.get(n.id);
          return (
            <g key={n.id} aria-current={isCurrent ? 'step' : undefined} data-state={n.id} data-flag={flag}
              onClick={onSelect ? () => onSelect(n.id) : undefined} style={onSelect ? { cursor: 'pointer' } : undefined}>
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
              {flag && <circle cx={p.x + W - 4} cy={p.y + 4} r={7} fill={flag === 'error' ? '#cf1322' : '#d48806'} />}
              {flag && <text x={p.x + W - 4} y={p.y + 8} fontSize={11} fontWeight={700} textAnchor="middle" fill="#fff">!</text>}
            </g>
          );
        })}
        {/* labels last, on a white halo, so no line or node covers them */}
        {edges.map(({ index, edge: e, kind, label: l }) => {
          const back = kind === 'back' || (kind === 'vertical' && (pos.get(e.to)?.row ?? 0) < (pos.get(e.from)?.row ?? 0));
          return (
            <text key={index} className="wf-edge-label" x={l.x} y={l.y} textAnchor={l.anchor} fontSize={LABEL_FONT} fill={back ? '#ad2102' : '#434343'}>
              <title>{`${l.full} (${e.event})`}</title>
              {l.text}
            </text>
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
        <span>{t('diagram.labelHint')}</span>
      </div>
    </div>
  );
}
