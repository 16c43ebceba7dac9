/**
 * Township › village picker over `regions(parentCode)`, loaded level by level. A chain of single
 * regions at the top (province › city › county for a one-county deployment) is skipped.
 */
import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { loadChildren, type Region } from '../regions';
import { useI18n } from '../i18n';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  level: string;
  children?: Option[];
}

const toOption = (r: Region): Option => ({ value: r.code, label: r.name, level: r.level, isLeaf: r.level === 'village' });

/** Walks down single-child levels; returns the first level with a choice. */
async function startingLevel(): Promise<{ path: Region[]; options: Region[] }> {
  const path: Region[] = [];
  let options = await loadChildren(null);
  while (options.length === 1 && options[0].level !== 'village' && options[0].level !== 'township') {
    path.push(options[0]);
    options = await loadChildren(options[0].code);
  }
  return { path, options };
}

export function useStartingRegion() {
  const [root, setRoot] = useState<{ path: Region[]; options: Region[] } | null>(null);
  useEffect(() => {
    startingLevel().then(setRoot).catch(() => setRoot({ path: [], options: [] }));
  }, []);
  return root;
}

export interface RegionCascaderProps {
  value?: string | null;
  onChange?: (code: string | null, path: { code: string; name: string; level: string }[]) => void;
  /** only villages may be chosen (new application), or any level (filters) */
  villagesOnly?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

export function RegionCascader({ value, onChange, villagesOnly, placeholder, allowClear = true, style, id, ...aria }: RegionCascaderProps) {
  const { t } = useI18n();
  const root = useStartingRegion();
  const [options, setOptions] = useState<Option[]>([]);
  const [selected, setSelected] = useState<string[]>([]);

  useEffect(() => {
    if (root) setOptions(root.options.map(toOption));
  }, [root]);

  // Reflect an outside value (e.g. from the address bar): load its ancestors' children.
  useEffect(() => {
    if (!root || !value) {
      if (!value) setSelected([]);
      return;
    }
    if (selected[selected.length - 1] === value) return;
    const top = root.options.find((o) => value.startsWith(o.code.replace(/0+$/, '')));
    if (!top) return;
    if (top.code === value) return setSelected([value]);
    loadChildren(top.code).then((kids) => {
      setOptions((prev) => prev.map((o) => (o.value === top.code ? { ...o, children: kids.map(toOption) } : o)));
      setSelected([top.code, value]);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root, value]);

  async function loadData(path: Option[]) {
    const target = path[path.length - 1];
    const kids = await loadChildren(target.value);
    target.children = kids.map(toOption);
    if (!kids.length) target.isLeaf = true;
    setOptions((o) => [...o]);
  }

  return (
    <Cascader<Option>
      id={id}
      aria-label={aria['aria-label']}
      style={{ minWidth: 240, ...style }}
      options={options}
      loadData={loadData}
      value={selected}
      changeOnSelect={!villagesOnly}
      allowClear={allowClear}
      placeholder={placeholder ?? t('region.pick')}
      showSearch={false}
      onChange={(codes, path) => {
        const list = (codes ?? []) as string[];
        setSelected(list);
        const opts = (path ?? []) as Option[];
        const last = opts[opts.length - 1];
        if (villagesOnly && last && last.level !== 'village') return;
        onChange?.(list.length ? list[list.length - 1] : null, opts.map((o) => ({ code: o.value, name: o.label, level: o.level })));
      }}
    />
  );
}
