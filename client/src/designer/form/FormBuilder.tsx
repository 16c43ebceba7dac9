/**
 * 表单设计: the visual form builder. Palette (a drawer on phones) → canvas of sortable field cards
 * → side panel for the selected field, and a live preview of the applicant's form at desktop or
 * phone width. Every edit is converted straight to the form schema + uiSchema the JSON tabs show
 * (to-schema.ts); the builder opens only forms it can represent without loss (from-schema.ts).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Drawer, Grid, Segmented, Space, Typography, App } from 'antd';
import { AppstoreAddOutlined, DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, closestCenter, pointerWithin, useDraggable, useSensor, useSensors, type CollisionDetection, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { AidForm } from '../../form/AidForm';
import { useI18n } from '../../i18n';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import type { Field, FieldKind, FormModel } from './field-model';
import { fromSchema } from './from-schema';
import { toSchema } from './to-schema';
import { PALETTE, kindLabel, newField } from './palette';
import { checkModel } from './check-model';
import { childrenOf, fieldPath, findField, insertField, moveField, parentOf, removeField, updateField } from './model-ops';
import { FieldList } from './FieldCanvas';
import { FieldPanel, FormPanel } from './FieldPanel';
import { pointerOf, renamePointer } from './editable-steps';
import './form-builder.css';

export interface FormBuilderProps {
  schema: unknown;
  uiSchema: unknown;
  workflow: unknown;
  regionCode?: string;
  onChange: (schema: Record<string, unknown>, uiSchema: Record<string, unknown>) => void;
  onWorkflowChange: (workflow: unknown) => void;
}

/**
 * Drop target: the innermost card or list under the pointer (a column inside a table, the empty
 * list of a new section), so nested lists behave as they look. Keyboard drags fall back to the
 * closest centre.
 */
const innermost: CollisionDetection = (args) => {
  if (!args.pointerCoordinates) return closestCenter(args);
  const hits = pointerWithin(args);
  const area = (id: string | number) => {
    const r = args.droppableRects.get(id);
    return r ? r.width * r.height : Infinity;
  };
  return hits.length ? [hits.reduce((a, b) => (area(b.id) < area(a.id) ? b : a))] : [];
};

function PaletteButton({ kind, onAdd }: { kind: FieldKind; onAdd: (kind: FieldKind) => void }) {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: `palette:${kind}`, data: { palette: kind } });
  const { t, lang } = useI18n();
  return (
    <Button ref={setNodeRef} block className="fb-palette-item" {...attributes} {...listeners} onClick={() => onAdd(kind)} aria-label={t('fb.add', { kind: kindLabel(kind, lang) })}>
      {kindLabel(kind, lang)}
    </Button>
  );
}

function Palette({ onAdd }: { onAdd: (kind: FieldKind) => void }) {
  const { t } = useI18n();
  return (
    <div className="fb-palette" aria-label={t('fb.kinds')}>
      {PALETTE.map((p) => (
        <PaletteButton key={p.kind} kind={p.kind} onAdd={onAdd} />
      ))}
    </div>
  );
}

export function FormBuilder({ schema, uiSchema, workflow, regionCode, onChange, onWorkflowChange }: FormBuilderProps) {
  const { message } = App.useApp();
  const { t, lang } = useI18n();
  const [model, setModel] = useState<FormModel>(() => fromSchema(schema, uiSchema).model);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [dragging, setDragging] = useState<string | null>(null);
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [previewData, setPreviewData] = useState<unknown>({});
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const built = useMemo(() => toSchema(model), [model]);
  const problems = useMemo(() => checkModel(model), [model]);
  const byField = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) m.set(p.fieldId, [...(m.get(p.fieldId) ?? []), lang === 'en' ? p.en : p.zh]);
    return m;
  }, [problems, lang]);

  const commit = (next: FormModel) => {
    setModel(next);
    const out = toSchema(next);
    onChange(out.schema, out.uiSchema);
  };

  const selected = selectedId ? findField(model.fields, selectedId) : undefined;

  /** Where a click on the palette adds: into the selected section/table, else beside the selected field, else at the end. */
  function clickTarget(): { containerId: string | null; index?: number } {
    if (!selected) return { containerId: null };
    if (selected.kind === 'section' || selected.kind === 'table') return { containerId: selected.id };
    const parent = parentOf(model.fields, selected.id) ?? null;
    return { containerId: parent, index: childrenOf(model, parent).findIndex((f) => f.id === selected.id) + 1 };
  }

  function canHold(containerId: string | null, kind: FieldKind): boolean {
    if (containerId === null) return true;
    const c = findField(model.fields, containerId);
    return c?.kind !== 'table' || !!PALETTE.find((p) => p.kind === kind)?.column;
  }

  function add(kind: FieldKind, containerId: string | null, index?: number) {
    if (!canHold(containerId, kind)) {
      message.warning(t('fb.columnRefused', { kind: kindLabel(kind, lang) }));
      return;
    }
    const siblings = childrenOf(model, containerId);
    const f = newField(kind, siblings.map((x) => x.key));
    commit(insertField(model, containerId, index ?? siblings.length, f));
    setSelectedId(f.id);
    setPaletteOpen(false);
  }

  function onDragEnd(e: DragEndEvent) {
    setDragging(null);
    const over = e.over;
    if (!over) return;
    const overId = String(over.id);
    let containerId: string | null;
    let index: number | undefined;
    if (overId.startsWith('container:')) {
      containerId = (over.data.current as { containerId: string | null }).containerId;
    } else {
      containerId = parentOf(model.fields, overId) ?? null;
      index = childrenOf(model, containerId).findIndex((f) => f.id === overId);
    }
    const palette = (e.active.data.current as { palette?: FieldKind } | undefined)?.palette;
    if (palette) return add(palette, containerId, index);
    const id = String(e.active.id);
    if (id === overId) return;
    const from = parentOf(model.fields, id);
    if (from === containerId) {
      if (index !== undefined) commit(moveField(model, id, index));
      return;
    }
    // Across containers: never into itself, and a table holds only simple columns.
    const moving = findField(model.fields, id);
    if (!moving || (containerId && (containerId === id || findField(moving.fields ?? [], containerId)))) return;
    if (!canHold(containerId, moving.kind)) return void message.warning(t('fb.columnRefused', { kind: kindLabel(moving.kind, lang) }));
    const without = removeField(model, id);
    commit(insertField(without, containerId, index ?? childrenOf(without, containerId).length, moving));
  }

  function onDragStart(e: DragStartEvent) {
    setDragging(String(e.active.id));
  }

  function rename(f: Field, key: string) {
    const at = fieldPath(model, f.id);
    commit(updateField(model, f.id, { key }));
    if (at && !at.inTable && key) onWorkflowChange(renamePointer(workflow, pointerOf(at.path), pointerOf([...at.path.slice(0, -1), key])));
  }

  function remove(id: string) {
    commit(removeField(model, id));
    if (selectedId === id) setSelectedId(null);
  }

  const titleOf = (key: string, siblings: Field[]) => siblings.find((f) => f.key === key)?.title ?? key;
  const canvas = (
    <FieldList
      fields={model.fields}
      containerId={null}
      selectedId={selectedId}
      problems={byField}
      titleOf={titleOf}
      onSelect={(id) => setSelectedId(id === selectedId ? null : id)}
      onRemove={remove}
      onMove={(id, index) => commit(moveField(model, id, index))}
    />
  );

  const at = selected ? fieldPath(model, selected.id) : undefined;
  const panel =
    selected && at ? (
      <FieldPanel
        key={selected.id}
        model={model}
        field={selected}
        siblings={childrenOf(model, parentOf(model.fields, selected.id) ?? null)}
        path={at.path}
        inTable={at.inTable}
        workflow={workflow}
        problems={byField.get(selected.id) ?? []}
        onPatch={(patch) => commit(updateField(model, selected.id, patch))}
        onRename={(key) => rename(selected, key)}
        onRemove={() => remove(selected.id)}
        onWorkflowChange={onWorkflowChange}
      />
    ) : (
      <FormPanel model={model} onChange={commit} />
    );

  const dragLabel = dragging?.startsWith('palette:') ? kindLabel(dragging.slice(8) as FieldKind, lang) : dragging ? findField(model.fields, dragging)?.title : undefined;

  return (
    <div className="fb-root">
      <DndContext sensors={sensors} collisionDetection={innermost} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
        <div className={`fb-grid${narrow ? ' fb-narrow' : ''}`}>
          {narrow ? (
            <Drawer title={t('fb.addField')} placement="left" size={260} open={paletteOpen} onClose={() => setPaletteOpen(false)}>
              <Palette onAdd={(k) => add(k, clickTarget().containerId, clickTarget().index)} />
            </Drawer>
          ) : (
            <Palette onAdd={(k) => add(k, clickTarget().containerId, clickTarget().index)} />
          )}
          <div className="fb-canvas" aria-label={t('fb.canvas')}>
            <Space className="fb-toolbar" wrap>
              {narrow && (
                <Button type="primary" icon={<AppstoreAddOutlined />} onClick={() => setPaletteOpen(true)}>
                  {t('fb.addField')}
                </Button>
              )}
              <Typography.Text type="secondary">{t('fb.fieldCount', { n: model.fields.length })}{problems.length > 0 && <Typography.Text type="danger">{t('fb.problemCount', { n: problems.length })}</Typography.Text>}</Typography.Text>
              {selected && (
                <Button size="small" onClick={() => setSelectedId(null)}>
                  {t('fb.formProps')}
                </Button>
              )}
            </Space>
            {canvas}
          </div>
          {narrow ? (
            <Drawer title={selected ? t('fb.editing', { name: selected.title || selected.key }) : t('fb.formProps')} placement="bottom" size="75%" open={!!selected} onClose={() => setSelectedId(null)}>
              {panel}
            </Drawer>
          ) : (
            <div className="fb-side">{panel}</div>
          )}
        </div>
        <DragOverlay>{dragLabel ? <div className="fb-drag">{dragLabel}</div> : null}</DragOverlay>
      </DndContext>
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('fb.problems')}
          description={<ul className="check-list">{problems.slice(0, 10).map((p, i) => <li key={i}>{lang === 'en' ? p.en : p.zh}</li>)}</ul>}
        />
      )}
      <div className="fb-preview-head">
        <Typography.Text strong>{t('fb.preview')}</Typography.Text>
        <Segmented
          aria-label={t('fb.previewWidth')}
          value={width}
          onChange={(v) => setWidth(v as 'desktop' | 'phone')}
          options={[
            { value: 'desktop', label: t('fb.desktop'), icon: <DesktopOutlined /> },
            { value: 'phone', label: t('fb.phone'), icon: <MobileOutlined /> },
          ]}
        />
      </div>
      <div className={`fb-preview preview-box${width === 'phone' ? ' fb-phone' : ''}`} data-testid="builder-preview">
        <ErrorBoundary key={JSON.stringify(built)}>
          <AidForm schema={built.schema as RJSFSchema} uiSchema={built.uiSchema as UiSchema} formData={previewData} onChange={setPreviewData} liveValidate regionCode={regionCode} />
        </ErrorBoundary>
      </div>
    </div>
  );
}
