/**
 * Township › village picker over `regions(parentCode)`, loaded level by level. A chain of single
 * regions at the top (province › city › county for a one-county deployment) is skipped.
 */
import { useEffect, useRef, useState } from 'react';
import { Cascader } from 'antd';
import { loadChildren, loadRegion, type Region } from '../regions';
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
  /**
   * Start at the county (selectable itself) instead of below the single-region chain: grants and
   * roles are often given on the county as a whole.
   */
  fromCounty?: boolean;
}

export function RegionCascader({ value, onChange, villagesOnly, placeholder, allowClear = true, style, id, fromCounty, ...aria }: RegionCascaderProps) {
  const { t } = useI18n();
  const root = useStartingRegion();
  const [options, setOptions] = useState<Option[]>([]);
  const optionsRef = useRef<Option[]>([]);
  optionsRef.current = options;
  const [selected, setSelected] = useState<string[]>([]);

  useEffect(() => {
    if (!root) return;
    const county = fromCounty ? root.path.filter((r) => r.level === 'county').at(-1) : undefined;
    setOptions(county ? [{ ...toOption(county), isLeaf: false }] : root.options.map(toOption));
  }, [root, fromCounty]);

  // Reflect an outside value (e.g. from the address bar): walk up to a top option, then load the
  // children along the way so the cascader can show the whole path.
  useEffect(() => {
    if (!root || !value) {
      if (!value) setSelected([]);
      return;
    }
    if (selected[selected.length - 1] === value) return;
    let live = true;
    (async () => {
      const tops = new Set(optionsRef.current.map((o) => o.value));
      if (!tops.size) return;
      const chain: string[] = [];
      let code: string | null | undefined = value;
      for (let i = 0; code && !tops.has(code) && i < 6; i++) {
        chain.unshift(code);
        code = (await loadRegion(code))?.parentCode;
      }
      if (!code || !tops.has(code)) return;
      chain.unshift(code);
      let level = optionsRef.current;
      for (const c of chain.slice(0, -1)) {
        const opt = level.find((o) => o.value === c);
        if (!opt) return;
        opt.children ??= (await loadChildren(c)).map(toOption);
        level = opt.children;
      }
      if (!live) return;
      setOptions((o) => [...o]);
      setSelected(chain);
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root, value, options.length]);

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
