/**
 * "Export" on a list: the whole filtered list as Excel (every form field, members on their own
 * sheet), as CSV, or in one of the chosen programme's ledger layouts (台账).
 */
import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { graphql } from '../graphql';
import { errorText, useI18n } from '../i18n';
import { useQuery } from '../hooks';
import { downloadExport, exportUrl, type ExportList } from '../exports';

export const LedgersDocument = graphql(`
  query Ledgers($programmeKey: String!) {
    ledgers(programmeKey: $programmeKey) { name title titleEn }
  }
`);

export function ExportButton({ list, filter, disabled }: { list: ExportList; filter: Record<string, unknown>; disabled?: boolean }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const programmeKey = typeof filter.programmeKey === 'string' ? filter.programmeKey : null;
  const ledgers = useQuery(LedgersDocument, { programmeKey: programmeKey ?? '' }, { skip: !programmeKey });

  async function run(format: 'xlsx' | 'csv', ledger?: string) {
    setBusy(true);
    try {
      const name = await downloadExport(exportUrl(list, format, filter, ledger), `export.${format}`);
      message.success(t('export.done', { name }));
    } catch (e) {
      message.error(errorText(t, lang, e));
    } finally {
      setBusy(false);
    }
  }

  const items = [
    { key: 'xlsx', label: t('export.xlsx') },
    { key: 'csv', label: t('export.csv') },
    ...(ledgers.data?.ledgers ?? []).map((l) => ({ key: `ledger:${l.name}`, label: t('export.ledger', { title: pick(l.title, l.titleEn ?? l.title) }) })),
  ];
  return (
    <Dropdown
      disabled={disabled || busy}
      menu={{ items, onClick: ({ key }) => void (key.startsWith('ledger:') ? run('xlsx', key.slice(7)) : run(key as 'xlsx' | 'csv')) }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={`export-${list}`}>{t('export.button')}</Button>
    </Dropdown>
  );
}
