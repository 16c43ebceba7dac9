/**
 * First pass of an import: the file's lines, parsed cell by cell, staged in batches: main-sheet
 * lines as import_row rows, member lines as import_member rows naming their row's key (行号),
 * folded into their row when it is read (`withMembers`). Nothing is held for the whole file but
 * the row keys seen, so memory stays bounded; a restarted job stages again from the start.
 */
import type { ImportLimits } from '../core/config.js';
import { readPointer, setPointer } from '../programmes/form-pointer.js';
import type { SqlExec } from '../registers/sql.js';
import { ROW_KEY_TITLE, type FormColumn } from '../programmes/form-columns.js';
import { parseCell } from './cell-parse.js';
import { readLines, refuse, type FileType, type RawCell } from './read-file.js';
import { REGION_TITLE, type SheetSpec } from './template.js';
import type { RowProblem } from './import-job.js';

type Slot = FormColumn | 'key' | 'region' | undefined;

interface Staged {
  rowNo: number;
  rowKey: string;
  regionCode: string | null;
  data: Record<string, unknown>;
  problems: RowProblem[];
}

interface MemberLine {
  key: string;
  line: number;
  item: Record<string, unknown>;
  problems: RowProblem[];
}

/** Header text as typed: `*` marks and spaces (also full-width) do not count. */
const normaliseHeader = (s: string) => s.replace(/[\s\u3000*＊]/g, '').replace(/[(]/g, '（').replace(/[)]/g, '）');

function headerSlots(spec: SheetSpec, cells: RawCell[], sheet: string, isMain: boolean): Slot[] {
  const byTitle = new Map<string, Slot>();
  byTitle.set(normaliseHeader(ROW_KEY_TITLE), 'key');
  if (isMain) byTitle.set(normaliseHeader(REGION_TITLE), 'region');
  for (const c of spec.sheet.columns) {
    byTitle.set(normaliseHeader(c.titleZh), c);
    byTitle.set(c.pointer, c);
  }
  const texts = cells.map((c) => (typeof c === 'string' ? c : c === null ? '' : typeof c === 'object' && !(c instanceof Date) ? '' : String(c)));
  const last = texts.reduce((n, t, i) => (t.trim() ? i : n), -1);
  const gap = texts.slice(0, last + 1).findIndex((t) => !t.trim());
  if (gap >= 0) {
    throw refuse(`The header of sheet "${sheet}" has an empty or merged cell in column ${gap + 1}: use one header cell per column, as in the template`,
      `工作表“${sheet}”的表头第 ${gap + 1} 列为空或是合并单元格：请按模板每列一个表头`, 'MERGED_HEADER');
  }
  const slots = texts.map((t) => byTitle.get(normaliseHeader(t)));
  const seen = new Set<Slot>();
  slots.forEach((s, i) => {
    if (s && seen.has(s)) throw refuse(`Sheet "${sheet}" has the column "${texts[i]}" twice`, `工作表“${sheet}”中“${texts[i]}”列出现了两次`, 'DUPLICATE_COLUMN');
    seen.add(s);
  });
  if (!slots.some((s) => s && s !== 'key' && s !== 'region')) {
    throw refuse(`The header of sheet "${sheet}" names none of the template's columns: download the template and fill it in`,
      `工作表“${sheet}”的表头与模板不符：请下载模板填写`, 'HEADER_MISMATCH');
  }
  if (!isMain && !slots.includes('key')) {
    throw refuse(`Sheet "${sheet}" needs the column ${ROW_KEY_TITLE} linking each member to its row`, `工作表“${sheet}”缺少“${ROW_KEY_TITLE}”列`, 'HEADER_MISMATCH');
  }
  return slots;
}

const cellText = (c: RawCell): string => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'object' ? '' : String(c).trim());

export interface StageResult {
  total: number;
}

/**
 * Stages the file's rows for `jobId`. Throws a BAD_USER_INPUT refusal for a file-level problem
 * (too many rows, merged or foreign headers); `onBatch` is told the running count and may stop
 * the run by returning false (a cancelled job).
 */
export async function stageRows(exec: SqlExec, jobId: string, specs: SheetSpec[], file: string, type: FileType, limits: ImportLimits,
  onBatch: (lines: number) => Promise<boolean>): Promise<StageResult | undefined> {
  await exec('delete from import_member where job_id = $1', [jobId]);
  await exec('delete from import_row where job_id = $1', [jobId]);
  const main = specs[0]!;
  const bySheet = new Map(specs.map((s) => [s.sheet.name, s]));
  let current: { sheet: string; spec: SheetSpec | undefined; slots?: Slot[] } | undefined;
  let lines = 0;
  let mainRows = 0;
  let sawMain = false;
  const keys = new Map<string, number>();
  let rows: Staged[] = [];
  let members: MemberLine[] = [];
  let orphanNo = 0;

  const flushRows = async () => {
    if (!rows.length) return;
    await exec(
      `insert into import_row (job_id, row_no, row_key, region_code, data, problems, status)
       select $1::uuid, t.row_no, t.row_key, t.region_code, t.data, t.problems, 'pending'
         from jsonb_to_recordset($2::jsonb) as t(row_no int, row_key text, region_code varchar, data jsonb, problems jsonb)`,
      [jobId, JSON.stringify(rows.map((r) => ({ row_no: r.rowNo, row_key: r.rowKey, region_code: r.regionCode, data: r.data, problems: r.problems.length ? r.problems : null })))],
    );
    rows = [];
  };
  const flushMembers = async () => {
    if (!members.length) return;
    const pointer = current?.spec?.sheet.pointer ?? '';
    // Members of a row read earlier: staged as they are (one INSERT per batch); checking and
    // writing fold them into their row by row key. The main sheet comes first, so the keys seen
    // so far say which member names no row.
    const known = members.filter((m) => keys.has(m.key));
    if (known.length) {
      await exec(
        `insert into import_member (job_id, row_key, pointer, line, item, problems)
         select $1::uuid, t.row_key, $2, t.line, t.item, t.problems from jsonb_to_recordset($3::jsonb) as t(row_key text, line int, item jsonb, problems jsonb)`,
        [jobId, pointer, JSON.stringify(known.map((m) => ({ row_key: m.key, line: m.line, item: m.item, problems: m.problems.length ? m.problems : null })))],
      );
    }
    // Members naming no row: reported on their own line, as rows that cannot be written.
    const orphans = members.filter((m) => !keys.has(m.key));
    if (orphans.length) {
      rows = orphans.map((m) => ({
        rowNo: -(++orphanNo), rowKey: '', regionCode: null, data: {},
        problems: [{ sheet: current!.sheet, line: m.line, column: ROW_KEY_TITLE, pointer: null,
          message: m.key ? `“${main.sheet.name}”表中没有行号为 ${m.key} 的行` : '须填写所属行号',
          messageEn: m.key ? `no row ${m.key} in sheet "${main.sheet.name}"` : 'the row key is missing' }, ...m.problems],
      }));
      await flushRows();
    }
    members = [];
  };

  for await (const l of readLines(file, type, main.sheet.name)) {
    if (!current || current.sheet !== l.sheet) {
      await flushRows();
      await flushMembers();
      // A CSV is the main sheet; a workbook's sheets are matched by name (the first sheet is the
      // main one when none is named like the template's).
      const spec = bySheet.get(l.sheet) ?? (!sawMain && type === 'csv' ? main : !sawMain && !bySheet.has(l.sheet) && l.sheet !== '填写说明' && l.sheet !== '选项' ? main : undefined);
      if (spec === main) sawMain = true;
      current = { sheet: l.sheet, spec };
    }
    const { spec } = current;
    if (!spec) continue;
    if (l.cells.every((c) => c === null || (typeof c === 'string' && !c.trim()))) continue;
    if (!current.slots) {
      current.slots = headerSlots(spec, l.cells, l.sheet, spec === main);
      continue;
    }
    if (++lines > limits.maxRows) {
      throw refuse(`The file has more than ${limits.maxRows} lines: split it into smaller files`, `文件超过 ${limits.maxRows} 行：请拆分后分批导入`, 'TOO_MANY_ROWS');
    }
    const slots = current.slots;
    const problems: RowProblem[] = [];
    const item: Record<string, unknown> = {};
    let key = '';
    let region: string | null = null;
    l.cells.forEach((raw, i) => {
      const slot = slots[i];
      if (!slot) return;
      if (slot === 'key') { key = cellText(raw); return; }
      if (slot === 'region') { region = cellText(raw) || null; return; }
      const parsed = parseCell(slot, raw);
      if ('problem' in parsed) problems.push({ sheet: l.sheet, line: l.line, column: slot.titleZh, pointer: slot.pointer, ...parsed.problem });
      else if ('value' in parsed) setPointer(item, slot.pointer, parsed.value);
    });
    if (spec === main) {
      const rowKey = key || String(l.line);
      const twin = keys.get(rowKey);
      if (twin !== undefined) {
        problems.push({ sheet: l.sheet, line: l.line, column: ROW_KEY_TITLE, pointer: null, message: `行号 ${rowKey} 与第 ${twin} 行重复`, messageEn: `row key ${rowKey} repeats line ${twin}` });
      } else keys.set(rowKey, l.line);
      rows.push({ rowNo: l.line, rowKey: twin === undefined ? rowKey : `${rowKey}#${l.line}`, regionCode: region, data: item, problems });
      mainRows++;
      if (rows.length >= limits.batchRows) await flushRows();
    } else {
      members.push({ key, line: l.line, item, problems });
      if (members.length >= limits.batchRows) await flushMembers();
    }
    if (lines % limits.batchRows === 0 && !(await onBatch(lines))) return undefined;
  }
  await flushRows();
  await flushMembers();
  if (!sawMain || mainRows === 0) {
    throw refuse(`The file has no data rows in sheet "${main.sheet.name}"`, `文件的“${main.sheet.name}”表中没有数据行`, 'NO_ROWS');
  }
  await onBatch(lines);
  return { total: mainRows };
}

/** A staged row as checking and writing read it. */
export interface RowWithMembers {
  rowKey: string;
  data: Record<string, unknown>;
  memberLines: Record<string, number[]>;
  problems: RowProblem[] | null;
}

/**
 * Folds the staged member lines of these rows into their data (each list in line order), with
 * the line each member came from and its cells' problems. One query for the batch.
 */
export async function withMembers<T extends RowWithMembers>(exec: SqlExec, jobId: string, rows: T[]): Promise<T[]> {
  const byKey = new Map(rows.filter((r) => r.rowKey).map((r) => [r.rowKey, r]));
  if (!byKey.size) return rows;
  const { rows: lines } = await exec(
    `select row_key, pointer, line, item, problems from import_member where job_id = $1 and row_key = any($2::text[]) order by row_key, pointer, line`,
    [jobId, [...byKey.keys()]],
  );
  // Collected per row and list first, then set once: lines arrive ordered by row key and list.
  const lists = new Map<T, Map<string, unknown[]>>();
  for (const m of lines) {
    const row = byKey.get(m.row_key as string);
    if (!row) continue;
    const pointer = m.pointer as string;
    let ofRow = lists.get(row);
    if (!ofRow) lists.set(row, (ofRow = new Map()));
    let items = ofRow.get(pointer);
    if (!items) ofRow.set(pointer, (items = []));
    items.push(m.item);
    (row.memberLines[pointer] ??= []).push(m.line as number);
    if (m.problems) row.problems = [...(row.problems ?? []), ...(m.problems as RowProblem[])];
  }
  for (const [row, ofRow] of lists) {
    for (const [pointer, items] of ofRow) {
      const before = readPointer(row.data, pointer);
      setPointer(row.data, pointer, Array.isArray(before) ? [...before, ...items] : items);
    }
  }
  return rows;
}
