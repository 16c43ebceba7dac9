/**
 * A small CSV encoder (RFC 4180) for spreadsheet export: fields with a comma, quote or line break
 * are quoted (quotes doubled); lines end with CRLF; the file starts with a UTF-8 byte-order mark so
 * Excel reads Chinese correctly. Text that a spreadsheet would run as a formula (leading = + - @,
 * or a tab / carriage return before one) gets a leading apostrophe: a CSV export must never become
 * a way to run a formula on an official's computer (OWASP "CSV injection").
 */

export type Cell = string | number | boolean | null | undefined | Date;

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field as it appears in the file. Numbers stay numbers (a negative number is not a formula). */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else {
    s = value;
    if (FORMULA_START.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly Cell[]) => cells.map(csvField).join(',');

/** The whole file: BOM, header, rows, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((r) => csvLine(r) + '\r\n').join('');
}

/** `全部申请-2026-05-01.csv`: no characters that Windows refuses in file names. */
export function csvFileName(base: string, date = new Date()): string {
  const d = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '-')}-${d}.csv`;
}
