/**
 * Writes sheets to a stream as XLSX (exceljs's streaming WorkbookWriter: each row is serialised and
 * zipped as it is committed) or as CSV with a byte-order mark. Rows arrive in batches from an async
 * source; between batches the writer waits for the response to drain, so a slow client holds back
 * the database reads instead of filling memory. Sheets are written one after the other: a zip entry
 * is finished before the next begins, so two sheets are never buffered side by side.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
// Through the wrapper: loaded on first use, with its XML reader fixed (imports/exceljs.ts).
import ExcelJS from '../imports/exceljs.js';
import { csvField, type CellValue } from './cells.js';

export interface SheetColumn {
  header: string;
  numFmt?: string;
  width?: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: () => AsyncIterable<CellValue[][]>;
}

async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new ExportAborted();
}

/** The client went away: stop reading the database. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted by the client');
  }
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export async function writeXlsx(out: Writable, sheets: AsyncIterable<Sheet> | Iterable<Sheet>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'aid-platform';
  const taken = new Set<string>();
  for await (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header, key: String(i), width: c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2)),
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for await (const batch of sheet.rows()) {
      for (const cells of batch) ws.addRow(cells).commit();
      await drained(out);
    }
    ws.commit();
  }
  await workbook.commit();
}

/** The first sheet only, as CSV (UTF-8 with BOM, CRLF) for programs that do not read XLSX. */
export async function writeCsv(out: Writable, sheet: Sheet): Promise<void> {
  out.write('\uFEFF' + sheet.columns.map((c) => csvField(c.header)).join(',') + '\r\n');
  for await (const batch of sheet.rows()) {
    out.write(batch.map((cells) => cells.map(csvField).join(',') + '\r\n').join(''));
    await drained(out);
  }
  out.end();
}
