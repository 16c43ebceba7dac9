/**
 * One cell to one form value, forgiving what spreadsheets do to data and precise about what it
 * cannot repair: dates typed as text (2024/3/5, 2024年3月5日, 20240305) become YYYY-MM-DD, a lower-
 * case x at the end of an ID number becomes X, enum cells take the label shown in the drop-down
 * (or the stored value), numbers typed as text are numbers. An ID number stored as a number has
 * lost its last digits (Excel keeps 15): that is an error, not something to guess back.
 */
import { idCardCheckDigit } from '../programmes/idcard.js';
import { LIST_SEPARATORS, type FormColumn } from '../programmes/form-columns.js';
import type { RawCell } from './read-file.js';

export interface CellProblem {
  message: string;
  messageEn: string;
}

export type Parsed = { empty: true } | { value: unknown } | { problem: CellProblem };

const p = (message: string, messageEn: string): Parsed => ({ problem: { message, messageEn } });

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** YYYY-MM-DD from the shapes dates are typed in, or undefined. */
export function parseDateText(s: string): string | undefined {
  const t = s.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?Z?)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** An Excel date serial (days since 1899-12-30) to YYYY-MM-DD. */
function serialDate(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 2_958_465) return undefined;
  const d = new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A Date cell's calendar day. Excel dates have no zone; exceljs reads them as UTC midnight. */
function dateOf(d: Date): string {
  // Round to the nearest day: a time of 23:59:59.999 from float error belongs to the next day.
  const t = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function textOf(raw: Exclude<RawCell, null | { formula: true } | { error: string }>): string {
  if (raw instanceof Date) return dateOf(raw);
  if (typeof raw === 'number') return Number.isInteger(raw) ? String(raw) : String(raw);
  return String(raw).trim();
}

function parseEnum(column: FormColumn, text: string): Parsed {
  const options = column.enum ?? [];
  const t = text.trim();
  const hit = options.find((o) => o.label === t) ?? options.find((o) => String(o.value) === t);
  if (hit) return { value: hit.value };
  if (options.length === 2 && options.every((o) => typeof o.value === 'boolean')) {
    const yes = ['是', '有', 'y', 'yes', 'true', '1', '√', '✓'];
    const no = ['否', '无', 'n', 'no', 'false', '0', '×', '✗'];
    if (yes.includes(t.toLowerCase())) return { value: true };
    if (no.includes(t.toLowerCase())) return { value: false };
  }
  const labels = options.map((o) => o.label);
  const shown = labels.length > 12 ? `${labels.slice(0, 12).join('、')}…` : labels.join('、');
  return p(`「${t.slice(0, 30)}」不是可选项，须为：${shown}`, `"${t.slice(0, 30)}" is not one of the options: ${labels.slice(0, 12).join(', ')}`);
}

function parseScalar(column: FormColumn, raw: Exclude<RawCell, null | { formula: true } | { error: string }>): Parsed {
  if (column.type === 'enum') return parseEnum(column, typeof raw === 'boolean' ? (raw ? '是' : '否') : textOf(raw));
  if (column.type === 'integer' || column.type === 'number') {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string') {
      const t = raw.trim().replace(/[,，\s]/g, '');
      n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : NaN;
    } else n = NaN;
    if (!Number.isFinite(n)) return p('须为数字', 'must be a number');
    if (column.type === 'integer' && !Number.isInteger(n)) return p('须为整数', 'must be a whole number');
    return { value: n };
  }
  if (column.type === 'date') {
    if (raw instanceof Date) return { value: dateOf(raw) };
    if (typeof raw === 'number') {
      const d = serialDate(raw) ?? parseDateText(String(raw));
      return d ? { value: d } : p('日期格式应为 YYYY-MM-DD', 'a date is written YYYY-MM-DD');
    }
    const d = parseDateText(String(raw));
    return d ? { value: d } : p(`「${String(raw).slice(0, 30)}」不是有效日期，格式应为 YYYY-MM-DD`, `"${String(raw).slice(0, 30)}" is not a date: write YYYY-MM-DD`);
  }
  // Text columns.
  if (column.format === 'cn-idcard') {
    if (typeof raw === 'number') {
      return p('身份证号被存成了数字，末几位已丢失：请把该列设为“文本”后重新填写', 'the ID number was stored as a number and lost its last digits: format the column as text and type it again');
    }
    const id = String(raw).replace(/\s+/g, '').toUpperCase();
    if (/^\d{17}[\dX]$/.test(id) && idCardCheckDigit(id.slice(0, 17)) !== id[17]) {
      return p('身份证号校验位错误，请核对', 'the ID number’s check digit is wrong');
    }
    return { value: id };
  }
  if (column.format === 'cn-mobile') return { value: textOf(raw).replace(/[\s-]/g, '') };
  return { value: textOf(raw) };
}

/** The form value of one cell for its column. */
export function parseCell(column: FormColumn, raw: RawCell): Parsed {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { empty: true };
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    if ('formula' in raw) return p('公式没有保存计算结果：请复制后“粘贴为数值”', 'a formula without a saved result: paste the values instead');
    return p(`单元格是错误值 ${raw.error}`, `the cell holds the error ${raw.error}`);
  }
  if (column.list) {
    const parts = (typeof raw === 'string' ? raw : textOf(raw)).split(new RegExp(`[${LIST_SEPARATORS.join('')}]`)).map((s) => s.trim()).filter(Boolean);
    const values: unknown[] = [];
    for (const part of parts) {
      const r = parseScalar({ ...column, list: false }, part);
      if ('problem' in r) return r;
      if ('value' in r) values.push(r.value);
    }
    return { value: values };
  }
  return parseScalar(column, raw);
}
