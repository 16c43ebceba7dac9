/**
 * How values become spreadsheet cells: enum values as their labels, `format: date` strings as real
 * dates, timestamps as China local time (spreadsheets have no time zones; UTC+8, no daylight
 * saving), lists joined with 、. Pure.
 */
import { readPointer } from '../programmes/form-pointer.js';
import { labelOf, type Column } from '../programmes/form-columns.js';

/** Offset of the wall-clock time written into files (Asia/Shanghai). */
export const EXPORT_UTC_OFFSET_MS = 8 * 3600 * 1000;

export type CellValue = string | number | boolean | Date | null;

export const DATE_FORMAT = 'yyyy-mm-dd';
export const TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** A moment as the local wall-clock time, written as a date cell. */
export function localTime(at: Date | null | undefined): Date | null {
  return at ? new Date(at.getTime() + EXPORT_UTC_OFFSET_MS) : null;
}

/** A YYYY-MM-DD string as a date cell (midnight, no time zone shift); anything else stays text. */
export function dateCell(v: unknown): CellValue {
  if (typeof v !== 'string') return v === undefined ? null : (v as CellValue);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return v;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? v : d;
}

/** The cell for one value of a column. */
export function cellOf(column: Column, value: unknown): CellValue {
  if (value === undefined || value === null || value === '') return null;
  if (column.type === 'list') {
    if (!Array.isArray(value)) return String(value);
    return value.map((v) => String(labelOf(column, v) ?? '')).join('、');
  }
  if (column.format === 'date') return dateCell(value);
  if (column.format === 'date-time' && typeof value === 'string') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : localTime(d);
  }
  const labelled = labelOf(column, value);
  if (typeof labelled === 'object') return JSON.stringify(labelled);
  return labelled as CellValue;
}

/** The cell of a column read from a case's (or member's) data. */
export function fieldCell(column: Column, data: unknown, pointer = column.pointer): CellValue {
  let value: unknown;
  try {
    value = readPointer(data, pointer);
  } catch {
    value = undefined;
  }
  return cellOf(column, value);
}

/** numFmt for a column's cells. */
export function numFmtOf(column: Pick<Column, 'format' | 'type'>): string | undefined {
  if (column.format === 'date') return DATE_FORMAT;
  if (column.format === 'date-time') return TIME_FORMAT;
  return undefined;
}

/**
 * A text cell for CSV: a leading = + - @ (or a tab / CR) gets an apostrophe so a spreadsheet never
 * runs it as a formula (OWASP "CSV injection"); quoted when it holds a comma, quote or line break.
 */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (value instanceof Date) {
    const iso = value.toISOString();
    s = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  } else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? '是' : '否';
  else {
    s = value;
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
