/**
 * The uploaded file back, with every bad cell filled red and a comment saying what is wrong, and a
 * last column 错误说明 summing up the line. Streamed in and out: the copy keeps the values and
 * sheet layout of the upload (not its styles), whatever its size.
 */
import type { Writable } from 'node:stream';
import ExcelJS from './exceljs.js';
import type * as XL from 'exceljs';
import { readLines, type FileType, type RawCell } from './read-file.js';
import type { RowProblem } from './import-job.js';

const RED: XL.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const normalise = (s: string) => s.replace(/[\s\u3000*＊]/g, '').replace(/[(]/g, '（').replace(/[)]/g, '）');

function valueOf(c: RawCell): XL.CellValue {
  if (c === null) return null;
  if (typeof c === 'object' && !(c instanceof Date)) return 'formula' in c ? null : { error: c.error } as XL.CellErrorValue;
  return c;
}

/** Writes the marked copy of `file` to `out`. `problems` are keyed `${sheet}\n${line}`. */
export async function writeMarked(file: string, type: FileType, mainSheet: string, problems: Map<string, RowProblem[]>, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let ws: XL.Worksheet | undefined;
  let sheet = '';
  let headers: string[] = [];
  let width = 0;
  for await (const l of readLines(file, type, mainSheet)) {
    if (!ws || l.sheet !== sheet) {
      if (ws) ws.commit();
      sheet = l.sheet;
      ws = wb.addWorksheet(sheet.slice(0, 31));
      headers = [];
    }
    const row = ws.getRow(l.line);
    l.cells.forEach((c, i) => { row.getCell(i + 1).value = valueOf(c); });
    if (!headers.length) {
      headers = l.cells.map((c) => normalise(typeof c === 'string' ? c : ''));
      width = headers.length;
      const cell = row.getCell(width + 1);
      cell.value = '错误说明';
      cell.font = { bold: true, color: { argb: 'FFC00000' } };
    } else {
      const list = problems.get(`${sheet}\n${l.line}`);
      if (list?.length) {
        const byColumn = new Map<number, string[]>();
        for (const p of list) {
          const idx = p.column ? headers.indexOf(normalise(p.column)) : -1;
          const at = idx >= 0 ? idx : 0;
          byColumn.set(at, [...(byColumn.get(at) ?? []), p.message]);
        }
        for (const [idx, messages] of byColumn) {
          const cell = row.getCell(idx + 1);
          cell.fill = RED;
          cell.note = messages.join('\n');
        }
        row.getCell(width + 1).value = list.map((p) => (p.column ? `${p.column}：${p.message}` : p.message)).join('；');
      }
    }
    row.commit();
  }
  ws?.commit();
  await wb.commit();
}
