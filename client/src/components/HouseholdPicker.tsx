/**
 * Picks the register entry (household) an application is about: search by the start of a name or
 * a full ID number within a village, as the register list does. Shows name, status and group;
 * households whose status the programme does not file for (`statuses`) are shown greyed out with
 * the reason, so the cadre sees why one cannot be picked.
 */
import { useState } from 'react';
import { Select } from 'antd';
import { graphql } from '../graphql';
import { useDebounced, useQuery } from '../hooks';
import { useI18n } from '../i18n';

export const PickEntriesDocument = graphql(`
  query PickEntries($filter: RegisterEntryFilter!) {
    registerEntries(filter: $filter, first: 20) { edges { node { id name status regionCode data } } }
  }
`);

export interface PickedEntry {
  id: string;
  name: string;
  status: string;
  regionCode: string;
  data: unknown;
}

export function HouseholdPicker({ id, registerKey, regionCode, statuses, value, onChange }: {
  id?: string;
  registerKey: string;
  /** The statuses the programme files for (meta.register.statuses); any when absent. */
  statuses?: string[];
  regionCode: string | null;
  value: PickedEntry | null;
  onChange: (entry: PickedEntry | null) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery(PickEntriesDocument, { filter: { registerKey, regionCode, search: q || null } });
  const entries = found.data?.registerEntries.edges.map((e) => e.node) ?? [];
  const options = [...(value && !entries.some((e) => e.id === value.id) ? [value] : []), ...entries];
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      style={{ minWidth: 260, width: '100%' }}
      loading={found.loading}
      placeholder={t('household.pick')}
      notFoundContent={found.loading ? null : t('household.none')}
      value={value?.id}
      onChange={(picked) => onChange(options.find((e) => e.id === picked) ?? null)}
      options={options.map((e) => {
        const refused = !!statuses && !statuses.includes(e.status);
        return { value: e.id, disabled: refused, label: `${e.name} · ${e.status}${groupOf(e.data)}${refused ? ` · ${t('household.statusRefused')}` : ''}` };
      })}
    />
  );
}

const groupOf = (data: unknown) => {
  const g = (data as { group?: unknown } | null)?.group;
  return typeof g === 'string' ? ` · ${g}` : '';
};
