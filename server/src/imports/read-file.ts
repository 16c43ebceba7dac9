/**
 * Reading an uploaded file: what it is (refusing what we will not open), then its lines one at a
 * time, streamed, so a 20 MB workbook never sits in memory as a whole.
 *
 * Refused before any parsing, from the file's own bytes (not its name or the browser's claim):
 * macro-enabled workbooks (a `vbaProject.bin` part), password-protected ones (an encrypted
 * workbook is an OLE compound file, like a legacy .xls), zip bombs (parts that unpack to more than
 * IMPORT_MAX_UNZIPPED_BYTES or IMPORT_MAX_ZIP_RATIO times the file), and binary files that are not
 * a workbook. CSV must be UTF-8 (a byte-order mark, as Excel writes "CSV UTF-8", is skipped).
 */
import fs from 'node:fs';
import ExcelJS from './exceljs.js';
import type * as XL from 'exceljs';
import type { ImportLimits } from '../core/config.js';
import { DomainError } from '../core/errors.js';

export type FileType = 'xlsx' | 'csv';

/** A cell as the importer sees it. */
export type RawCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: true }
  | { error: string };

export interface Line {
  sheet: string;
  /** 1-based line number within its sheet (as Excel shows it). */
  line: number;
  /** 0-based columns. */
  cells: RawCell[];
}

export const refuse = (en: string, zh: string, subCode: string) => new DomainError('BAD_USER_INPUT', en, { subCode, messageZh: zh });

interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/** The central directory of a zip file (end record within the last 64 KB + 22 bytes). */
function zipEntries(fd: number, size: number): ZipEntry[] | undefined {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  fs.readSync(fd, tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return undefined;
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size || cdSize > 16 * 1024 * 1024) return undefined;
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);
  const out: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count && p + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(p) !== 0x02014b50) return undefined;
    const compressed = cd.readUInt32LE(p + 20);
    const uncompressed = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    out.push({ name: cd.toString('utf8', p + 46, p + 46 + nameLen), compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** What the stored upload is, or a refusal naming why (both languages). */
export function inspectFile(file: string, limits: ImportLimits): FileType {
  const size = fs.statSync(file).size;
  if (size === 0) throw refuse('The file is empty', '文件是空的', 'EMPTY_FILE');
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 8192));
    fs.readSync(fd, head, 0, head.length, 0);
    if (head.readUInt32BE(0) === 0xd0cf11e0) {
      throw refuse('Password-protected workbooks and old .xls files cannot be read: remove the password, or save as .xlsx',
        '无法读取受密码保护的工作簿或旧版 .xls 文件：请取消密码，或另存为 .xlsx', 'ENCRYPTED_OR_XLS');
    }
    if (head.readUInt32LE(0) === 0x04034b50) {
      const entries = zipEntries(fd, size);
      if (!entries) throw refuse('The file is a damaged zip archive, not a workbook', '文件已损坏，不是有效的 Excel 工作簿', 'NOT_A_WORKBOOK');
      if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) {
        throw refuse('Macro-enabled workbooks (.xlsm) are refused: save as .xlsx without macros', '不接受含宏的工作簿（.xlsm）：请另存为不含宏的 .xlsx', 'MACRO_ENABLED');
      }
      if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
        throw refuse('The zip file is not an Excel workbook (.xlsx)', '该压缩文件不是 Excel 工作簿（.xlsx）', 'NOT_A_WORKBOOK');
      }
      const unzipped = entries.reduce((n, e) => n + e.uncompressed, 0);
      if (unzipped > limits.maxUnzippedBytes || unzipped > size * limits.maxZipRatio) {
        throw refuse(`The workbook unpacks to ${unzipped} bytes, more than allowed (${limits.maxUnzippedBytes} bytes, ${limits.maxZipRatio}× the file)`,
          `工作簿解压后过大（${Math.round(unzipped / 1048576)} MB），超过上限`, 'ZIP_BOMB');
      }
      return 'xlsx';
    }
    if (head.includes(0)) throw refuse('Only .xlsx workbooks and UTF-8 CSV files are accepted', '只接受 .xlsx 工作簿或 UTF-8 编码的 CSV 文件', 'WRONG_TYPE');
    try {
      // A truncated last character at the sample's end is not an error: decode in stream mode.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    } catch {
      throw refuse('CSV files must be UTF-8: in Excel choose "CSV UTF-8"', 'CSV 文件须为 UTF-8 编码：在 Excel 中另存为“CSV UTF-8（逗号分隔）”', 'NOT_UTF8');
    }
    return 'csv';
  } finally {
    fs.closeSync(fd);
  }
}

function rawOf(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // A formula's cached value is what the person saw; without one there is nothing to import.
      const r = o.result;
      if (r === undefined || r === null || (typeof r === 'number' && Number.isNaN(r))) return { formula: true };
      return rawOf(typeof r === 'object' && r !== null && 'error' in (r as object) ? r : r);
    }
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('text' in o) return rawOf(o.text);
  }
  return String(v);
}

/**
 * Yields every line of every sheet of a workbook, streamed; sheets in workbook order.
 *
 * exceljs's streaming reader now and then loses the workbook part of a valid file and fails with
 * "Cannot read properties of undefined (reading 'sheets')" (exceljs#962; seen once in our own
 * tests on a file it read correctly every other time). Such a TypeError from inside the reader
 * reads the file again, skipping the lines already yielded; the file on disk does not change, so
 * the lines are the same. After the third failure the file is refused as unreadable.
 */
async function* xlsxLines(file: string): AsyncGenerator<Line> {
  let yielded = 0;
  for (let attempt = 1; ; attempt++) {
    let seen = 0;
    try {
      for await (const line of xlsxLinesOnce(file)) {
        if (seen++ < yielded) continue;
        yielded++;
        yield line;
      }
      return;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      if (attempt >= 3) throw refuse('The workbook could not be read: open it in Excel or WPS and save it again as .xlsx', '无法读取该工作簿：请用 Excel 或 WPS 打开后另存为 .xlsx 再导入', 'NOT_A_WORKBOOK');
    }
  }
}

async function* xlsxLinesOnce(file: string): AsyncGenerator<Line> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    for await (const row of sheet as unknown as AsyncIterable<XL.Row>) {
      const values = row.values as unknown[];
      const cells: RawCell[] = [];
      for (let c = 1; c < values.length; c++) cells.push(rawOf(values[c]));
      yield { sheet: name, line: row.number, cells };
    }
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CR LF), UTF-8 with or without a byte-order mark. */
async function* csvLines(file: string, sheet: string): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let field = '';
  let cells: RawCell[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let first = true;
  const emit = () => {
    cells.push(field === '' && !afterQuote ? null : field);
    const out = { sheet, line, cells };
    cells = [];
    field = '';
    afterQuote = false;
    line++;
    return out;
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw refuse('CSV files must be UTF-8: in Excel choose "CSV UTF-8"', 'CSV 文件须为 UTF-8 编码：在 Excel 中另存为“CSV UTF-8（逗号分隔）”', 'NOT_UTF8');
    }
    if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
    const pending: Line[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else if (i + 1 === text.length) {
            // A quote at the chunk's end: decide with the next chunk.
            quoted = false; afterQuote = true;
          } else { quoted = false; afterQuote = true; }
        } else field += ch;
        continue;
      }
      if (ch === '"' && afterQuote && field !== '' ) { field += '"'; quoted = true; continue; }
      if (ch === '"' && field === '') { quoted = true; continue; }
      if (ch === ',') { cells.push(field === '' && !afterQuote ? null : field); field = ''; afterQuote = false; continue; }
      if (ch === '\r') continue;
      if (ch === '\n') { pending.push(emit()); continue; }
      field += ch;
    }
    yield* pending;
  }
  if (field !== '' || cells.length || afterQuote) yield emit();
}

export function readLines(file: string, type: FileType, csvSheetName: string): AsyncGenerator<Line> {
  return type === 'xlsx' ? xlsxLines(file) : csvLines(file, csvSheetName);
}
