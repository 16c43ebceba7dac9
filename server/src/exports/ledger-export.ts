/**
 * A ledger layout as one sheet: its columns, in its order, under its titles, over the same rows as
 * the list (the layout's programme only). Member fields (a pointer through `*`, every member) hold every member's
 * value joined with 、.
 */
import type { Context } from '../core/context.js';
import type { ApplicationFilter } from '../applications/application.queries.js';
import { getProgramme } from '../programmes/programme.service.js';
import { badInput } from '../core/errors.js';
import { ANY_INDEX, readPointer } from '../programmes/form-pointer.js';
import { caseColumn, formColumn, listWhere, mainRows, programmeColumns, type ExportList, type OutColumn } from './application-export.js';
import { cellOf, type CellValue } from './cells.js';
import { numFmtOf } from './cells.js';
import type { Column } from '../programmes/form-columns.js';
import { getLedger } from './ledger.service.js';
import type { Sheet } from './workbook.js';

function memberColumn(c: Column, header: string): OutColumn {
  const [array, rest] = c.pointer.split(`/${ANY_INDEX}`, 2) as [string, string];
  return {
    header,
    cell: (r): CellValue => {
      const items = readPointer(r.app.data, array);
      if (!Array.isArray(items)) return null;
      const values = items.map((item) => cellOf({ ...c, format: undefined }, readPointer(item, rest))).filter((v) => v !== null && v !== '');
      return values.length ? values.map(String).join('、') : null;
    },
  };
}

export async function ledgerSheet(ctx: Context, list: ExportList, filter: ApplicationFilter, name: string): Promise<Sheet> {
  if (!filter.programmeKey) throw badInput({ en: 'A ledger export needs filter.programmeKey', zh: '导出台账需指定项目' }, [{ path: '/filter/programmeKey', message: '导出台账需指定项目', messageEn: 'required with ledger' }]);
  const ledger = await getLedger(ctx, filter.programmeKey, name);
  const programme = await getProgramme(ctx.em, filter.programmeKey);
  const form = await programmeColumns(ctx, programme);
  const byPointer = new Map(form.columns.map((c) => [c.pointer, c]));
  const columns: OutColumn[] = ledger.columns.flatMap((l): OutColumn[] => {
    if (l.field.startsWith('@')) return [caseColumn(l.field.slice(1), l.title)];
    const c = byPointer.get(l.field);
    // A field of a version since superseded stays in the layout; a case without it has an empty cell.
    if (!c) return [{ header: l.title, cell: () => null }];
    return [c.array ? memberColumn(c, l.title) : { ...formColumn(c, l.title), numFmt: numFmtOf(c) }];
  });
  return { name: ledger.title, columns, rows: mainRows(ctx, await listWhere(ctx, list, filter), columns) };
}
