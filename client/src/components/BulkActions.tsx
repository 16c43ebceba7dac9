/**
 * The bulk action bar of a list: with rows selected, choose an event every selected case offers
 * you, write one comment, and send it to all of them. Each case is checked on its own (rights,
 * conditions, the version you saw); the outcome table lists what happened to each. "All or
 * nothing" writes nothing unless every case succeeds.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { graphql } from '../graphql';
import type { BulkTransitionMutation } from '../graphql/graphql';
import { request } from '../api';
import { errorText, useI18n } from '../i18n';

export const BulkTransitionDocument = graphql(`
  mutation BulkTransition($input: BulkTransitionInput!) {
    bulkTransition(input: $input) { id reference ok code message messageZh version }
  }
`);

export interface BulkRow {
  id: string;
  reference: string;
  version: number;
  availableActions: { event: string; title: string; titleEn: string; requiresComment: boolean }[];
}

type Outcome = BulkTransitionMutation['bulkTransition'][number];

export const MAX_BULK = 200;

/** Events offered by every selected row, in the first row's order. */
export function commonActions(rows: readonly BulkRow[]): BulkRow['availableActions'] {
  if (!rows.length) return [];
  return rows[0]!.availableActions.filter((a) => rows.every((r) => r.availableActions.some((b) => b.event === a.event)));
}

export function BulkActions({ selected, onClear, onDone }: { selected: BulkRow[]; onClear: () => void; onDone: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [event, setEvent] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const actions = useMemo(() => commonActions(selected), [selected]);
  const chosen = actions.find((a) => a.event === event) ?? null;
  if (!selected.length && !outcomes) return null;

  async function send() {
    if (!chosen) return;
    setBusy(true);
    try {
      const r = await request(BulkTransitionDocument, {
        input: { ids: selected.map((s) => s.id), event: chosen.event, comment: comment.trim() || null, expectedVersions: selected.map((s) => s.version), allOrNothing },
      });
      setOutcomes(r.bulkTransition);
      setComment('');
      setEvent(null);
      onClear();
      onDone();
    } catch (e) {
      message.error(errorText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  const ok = outcomes?.filter((o) => o.ok).length ?? 0;
  return (
    <>
      {selected.length > 0 && (
        <div className="bulk-bar" role="region" aria-label={t('bulk.bar')}>
          <Typography.Text strong>{t('bulk.selected', { n: selected.length })}</Typography.Text>
          {selected.length > MAX_BULK && <Alert type="warning" showIcon title={t('bulk.tooMany', { max: MAX_BULK })} />}
          <Select
            id="bulk-event"
            style={{ minWidth: 160 }}
            placeholder={actions.length ? t('bulk.chooseEvent') : t('bulk.noCommonEvent')}
            disabled={!actions.length}
            aria-label={t('bulk.event')}
            value={event ?? undefined}
            onChange={setEvent}
            options={actions.map((a) => ({ value: a.event, label: pick(a.title, a.titleEn) }))}
          />
          <Input.TextArea
            className="bulk-comment"
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={2000}
            aria-label={t('bulk.comment')}
            placeholder={chosen?.requiresComment ? t('bulk.commentRequired') : t('bulk.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Checkbox checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)}>{t('bulk.allOrNothing')}</Checkbox>
          <Button
            type="primary"
            loading={busy}
            disabled={!chosen || selected.length > MAX_BULK || (chosen.requiresComment && !comment.trim())}
            onClick={() => void send()}
          >
            {t('bulk.send', { n: selected.length })}
          </Button>
          <Button onClick={onClear}>{t('bulk.clear')}</Button>
        </div>
      )}
      <Modal
        open={!!outcomes}
        title={t('bulk.outcomeTitle', { ok, failed: (outcomes?.length ?? 0) - ok })}
        onCancel={() => setOutcomes(null)}
        footer={<Button type="primary" onClick={() => setOutcomes(null)}>{t('common.close')}</Button>}
        width={720}
      >
        <Table<Outcome>
          rowKey="id"
          size="small"
          className="bulk-outcomes"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={outcomes ?? []}
          columns={[
            { title: t('inbox.reference'), render: (_, o) => o.reference ?? '—' },
            { title: t('bulk.result'), render: (_, o) => (o.ok ? <Tag color="green">{t('bulk.ok')}</Tag> : <Tag color="red">{t('bulk.failed')}</Tag>) },
            { title: t('bulk.reason'), render: (_, o) => (o.ok ? '' : lang === 'zh' ? o.messageZh ?? o.message : o.message ?? o.messageZh) },
          ]}
        />
      </Modal>
    </>
  );
}
