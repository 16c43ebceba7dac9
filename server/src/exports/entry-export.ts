/**
 * Register entries (一户一档) as sheets: the entry list's own query (`listEntries`: region scope in
 * the SQL, the same filters, keyset on (updated_at, id)) read page by page, every field of the
 * register's current schema under its title, and each array of objects (家庭成员) on a sheet of its
 * own keyed by the entry's key.
 */
import type { Context } from '../core/context.js';
import { badInput } from '../core/errors.js';
import { Region } from '../regions/region.entity.js';
import { readPointer } from '../programmes/form-pointer.js';
import { listEntries, type EntryFilter } from '../registers/entry.queries.js';
import type { RegisterEntry } from '../registers/entry.row.js';
import { currentRegisterVersion, getRegister, loadedOf } from '../registers/register.service.js';
import { flatColumns, type Column } from '../programmes/form-columns.js';
import { fieldCell, localTime, numFmtOf, TIME_FORMAT, type CellValue } from './cells.js';
import { EXPORT_MAX_ROWS } from './application-export.js';
import type { Sheet } from './workbook.js';

const PAGE = 100;

async function* entryPages(ctx: Context, filter: EntryFilter): AsyncGenerator<RegisterEntry[]> {
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page = await listEntries(ctx, filter, PAGE, after);
    if (!page.items.length) return;
    total += page.items.length;
    yield page.items;
    if (!page.hasNextPage || !page.endCursor || total >= EXPORT_MAX_ROWS) return;
    after = page.endCursor;
  }
}

export async function* entrySheets(ctx: Context, filter: EntryFilter): AsyncGenerator<Sheet> {
  if (!filter.registerKey) throw badInput({ en: 'An entry export needs filter.registerKey', zh: '须指定登记簿' }, [{ path: '/filter/registerKey', message: '须指定登记簿', messageEn: 'required' }]);
  const register = await getRegister(ctx.em, filter.registerKey);
  // The filter is checked now, before the first byte of the file (a refusal is still an answer).
  await listEntries(ctx, filter, 1);
  const current = currentRegisterVersion(register);
  const version = current ? loadedOf(current) : undefined;
  const form = version ? flatColumns(version.schema, version.uiSchema ?? {}) : { columns: [], arrays: [] };
  const statusZh = (v: string) => version?.statusByValue.get(v)?.zh ?? v;
  const names = new Map<string, string>();
  const fixed: Array<{ header: string; numFmt?: string; cell: (e: RegisterEntry) => CellValue }> = [
    { header: '户码', cell: (e) => e.key },
    { header: '名称', cell: (e) => e.name },
    { header: '乡镇（街道）', cell: (e) => names.get(e.regionPath.split('/').filter(Boolean)[3] ?? '') ?? null },
    { header: '村（社区）', cell: (e) => names.get(e.regionPath.split('/').filter(Boolean)[4] ?? '') ?? null },
    { header: '地区代码', cell: (e) => e.regionCode },
    { header: '状态', cell: (e) => statusZh(e.status) },
    { header: '更新时间', numFmt: TIME_FORMAT, cell: (e) => localTime(e.updatedAt) },
  ];
  const fields = form.columns.filter((c) => !c.array);
  const loadNames = async (entries: RegisterEntry[]) => {
    const wanted = new Set(entries.flatMap((e) => e.regionPath.split('/').filter(Boolean).slice(3)).filter((c) => !names.has(c)));
    if (!wanted.size) return;
    for (const r of await ctx.em.find(Region, { code: { $in: [...wanted] } }, { disableIdentityMap: true })) names.set(r.code, r.name);
  };
  yield {
    name: register.name,
    columns: [...fixed.map((f) => ({ header: f.header, numFmt: f.numFmt })), ...fields.map((c) => ({ header: c.titleZh, numFmt: numFmtOf(c) }))],
    rows: async function* () {
      for await (const entries of entryPages(ctx, filter)) {
        await loadNames(entries);
        yield entries.map((e) => [...fixed.map((f) => f.cell(e)), ...fields.map((c) => fieldCell(c, e.data))]);
      }
    },
  };
  for (const a of form.arrays) {
    const items: Column[] = form.columns.filter((c) => c.array === a.pointer);
    const prefix = `${a.pointer}/*`;
    yield {
      name: `${register.name}-${a.titleZh}`.slice(0, 31),
      columns: [{ header: '户码' }, { header: '序号', width: 6 }, ...items.map((c) => ({ header: c.titleZh, numFmt: numFmtOf(c) }))],
      rows: async function* () {
        for await (const entries of entryPages(ctx, filter)) {
          const out: CellValue[][] = [];
          for (const e of entries) {
            const list = readPointer(e.data, a.pointer);
            if (Array.isArray(list)) list.forEach((item, i) => out.push([e.key, i + 1, ...items.map((c) => fieldCell(c, item, c.pointer.slice(prefix.length)))]));
          }
          if (out.length) yield out;
        }
      },
    };
  }
}

/** `?filter=` of an entry export: the GraphQL RegisterEntryFilter as JSON. */
export function parseEntryFilter(raw: unknown): EntryFilter {
  let v: unknown;
  try {
    v = JSON.parse(String(raw ?? ''));
  } catch {
    v = undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badInput({ en: 'filter must be a JSON object with registerKey', zh: '应为含 registerKey 的 JSON 对象' }, [{ path: '/filter', message: '应为含 registerKey 的 JSON 对象', messageEn: 'a JSON object with registerKey' }]);
  const f = v as Record<string, unknown>;
  const out: EntryFilter = { registerKey: '' };
  for (const [k, value] of Object.entries(f)) {
    if (value === null || value === undefined) continue;
    if (k === 'registerKey' || k === 'regionCode' || k === 'status' || k === 'search') {
      if (typeof value !== 'string' || value.length > 100) throw badInput({ en: `filter.${k} must be a string`, zh: '应为文本' }, [{ path: `/filter/${k}`, message: '应为文本', messageEn: 'must be a string' }]);
      out[k] = value;
    } else if (k === 'fields') {
      if (!Array.isArray(value) || value.some((x) => !x || typeof x.path !== 'string' || typeof x.value !== 'string')) {
        throw badInput({ en: 'filter.fields must be [{ path, value }]', zh: '应为 [{ path, value }]' }, [{ path: '/filter/fields', message: '应为 [{ path, value }]', messageEn: 'must be [{ path, value }]' }]);
      }
      out.fields = value as EntryFilter['fields'];
    } else {
      throw badInput({ en: `Unknown filter ${k}`, zh: '未知的筛选条件' }, [{ path: `/filter/${k}`, message: '未知的筛选条件', messageEn: 'unknown filter' }]);
    }
  }
  if (!out.registerKey) throw badInput({ en: 'filter.registerKey is required', zh: '须指定登记簿' }, [{ path: '/filter/registerKey', message: '须指定登记簿', messageEn: 'required' }]);
  return out;
}
