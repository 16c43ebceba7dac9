/**
 * The builder's canvas: the form's fields as cards, sortable by drag (dnd-kit) or the arrow
 * buttons (keyboard and phone friendly); sections and member tables hold their own lists.
 */
import { Button, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Field } from './field-model';
import { kindLabel } from './palette';
import { useI18n } from '../../i18n';

export interface CanvasHandlers {
  selectedId: string | null;
  problems: Map<string, string[]>;
  titleOf: (key: string, siblings: Field[]) => string;
  onSelect: (id: string) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, index: number) => void;
}

export const containerDropId = (containerId: string | null) => `container:${containerId ?? 'root'}`;

export function FieldList({ fields, containerId, table, ...h }: CanvasHandlers & { fields: Field[]; containerId: string | null; table?: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: containerDropId(containerId), data: { containerId } });
  const { t } = useI18n();
  return (
    <SortableContext items={fields.map((f) => f.id)} strategy={verticalListSortingStrategy}>
      <div ref={setNodeRef} className={`fb-list${isOver ? ' fb-over' : ''}${table ? ' fb-columns' : ''}`} data-container={containerId ?? 'root'}>
        {fields.map((f, i) => (
          <FieldCard key={f.id} field={f} index={i} siblings={fields} containerId={containerId} {...h} />
        ))}
        {fields.length === 0 && <div className="fb-empty">{table ? t('fb.emptyTable') : t('fb.empty')}</div>}
      </div>
    </SortableContext>
  );
}

function FieldCard({ field: f, index, siblings, containerId, ...h }: CanvasHandlers & { field: Field; index: number; siblings: Field[]; containerId: string | null }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: f.id, data: { containerId } });
  const { t, lang } = useI18n();
  const selected = h.selectedId === f.id;
  const problems = h.problems.get(f.id) ?? [];
  const title = `${f.title || f.key}${f.unit ? `（${f.unit}）` : ''}`;
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.5 : 1 }}
      className={`fb-card${selected ? ' fb-selected' : ''}${problems.length ? ' fb-bad' : ''} fb-kind-${f.kind}`}
      data-key={f.key}
      data-testid={`field-${f.key}`}
    >
      <div
        className="fb-card-head"
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={`${kindLabel(f.kind, lang)}：${title}`}
        onClick={() => h.onSelect(f.id)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            h.onSelect(f.id);
          }
        }}
      >
        <span className="fb-handle" {...attributes} {...listeners} aria-label={t('fb.dragHandle', { title })} onClick={(e) => e.stopPropagation()}>
          <HolderOutlined />
        </span>
        <Tag className="fb-kind">{kindLabel(f.kind, lang)}</Tag>
        <span className="fb-title">{title}</span>
        <span className="fb-tags">
          {f.required && <Tag color="red">{t('fb.required')}</Tag>}
          {f.requiredWhen && <Tag color="volcano">{t('fb.requiredWhen')}</Tag>}
          {f.visibleWhen && <Tag color="purple">{t('fb.shownWhen', { field: h.titleOf(f.visibleWhen.field, siblings), value: f.visibleWhen.equals === true ? t('fb.yes') : f.visibleWhen.equals === false ? t('fb.no') : String(f.visibleWhen.equals) })}</Tag>}
          {f.public && <Tag color="blue">{t('fb.public')}{f.mask ? t('fb.masked') : ''}</Tag>}
          {f.unique && <Tag color="gold">{t('fb.unique')}</Tag>}
          {problems.length > 0 && (
            <Tooltip title={problems.join('；')}>
              <Tag color="error">{t('fb.nProblems', { n: problems.length })}</Tag>
            </Tooltip>
          )}
        </span>
        <span className="fb-actions" onClick={(e) => e.stopPropagation()}>
          <Button size="small" type="text" aria-label={t('fb.moveUp', { title })} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => h.onMove(f.id, index - 1)} />
          <Button size="small" type="text" aria-label={t('fb.moveDown', { title })} icon={<ArrowDownOutlined />} disabled={index === siblings.length - 1} onClick={() => h.onMove(f.id, index + 1)} />
          <Button size="small" type="text" danger aria-label={t('fb.remove', { title })} icon={<DeleteOutlined />} onClick={() => h.onRemove(f.id)} />
        </span>
      </div>
      {f.fields && <FieldList fields={f.fields} containerId={f.id} table={f.kind === 'table'} {...h} />}
    </div>
  );
}
