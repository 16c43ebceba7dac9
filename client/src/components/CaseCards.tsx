/**
 * Cases as cards, for phones (the inbox and the list of all applications): a tick for the bulk
 * actions beside each card, then the reference and the step, who, which programme, which village,
 * and a last line the page chooses (the deadline, or the status and the date submitted).
 */
import type { ReactNode } from 'react';
import { Card, Checkbox, Empty, Tag, Typography } from 'antd';
import { Link } from '../router';
import { useI18n } from '../i18n';
import { kindColor } from '../format-status';

export interface CaseCard {
  id: string;
  reference: string;
  applicantName?: string | null;
  stateKind: string;
  stateTitle: string;
  stateTitleEn?: string | null;
  regionCode: string;
  region?: { name: string } | null;
  programme: { name: string; nameEn?: string | null };
  overdue?: boolean | null;
}

export function CaseCards<T extends CaseCard>({ rows, loading, empty, selectedIds, onSelect, foot }: {
  rows: T[];
  loading: boolean;
  empty: string;
  selectedIds: string[];
  onSelect: (id: string, selected: boolean) => void;
  foot: (row: T) => ReactNode;
}) {
  const { t, pick } = useI18n();
  return (
    <div className="task-cards" aria-busy={loading}>
      {rows.length === 0 && !loading && <Empty description={empty} />}
      {rows.map((r) => (
        <div key={r.id} className="task-card-row">
          <Checkbox className="task-card-check" checked={selectedIds.includes(r.id)} onChange={(e) => onSelect(r.id, e.target.checked)} aria-label={`${t('bulk.bar')} ${r.reference}`} />
          <Link to={`/applications/${r.id}`} className="task-card-link">
            <Card size="small" className={r.overdue ? 'task-card task-card-overdue' : 'task-card'}>
              <div className="task-card-head">
                <Typography.Text strong>{r.reference}</Typography.Text>
                <Tag color={kindColor[r.stateKind] ?? 'default'}>{pick(r.stateTitle, r.stateTitleEn)}</Tag>
              </div>
              <div className="history-meta">{r.applicantName ?? '—'} · {pick(r.programme.name, r.programme.nameEn)} · {r.region?.name ?? r.regionCode}</div>
              <div className="task-card-foot">{foot(r)}</div>
            </Card>
          </Link>
        </div>
      ))}
    </div>
  );
}
