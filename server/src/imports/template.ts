/**
 * The import template of a programme or register version: generated from its schema, so it is
 * always the version's own columns. Sheet 数据 holds one line per application or entry; each
 * array of members has its own sheet linked by 行号; 填写说明 lists every column; a hidden sheet
 * holds the drop-down lists (a list written inline is limited to 255 characters).
 */
import ExcelJS from './exceljs.js';
import type * as XL from 'exceljs';
import type { ImportLimits } from '../core/config.js';
import { ROW_KEY_TITLE, type FormColumn, type FormLayout, type FormSheet } from '../programmes/form-columns.js';

/** Header of the main sheet's second column: the village (region code) of the row. */
export const REGION_TITLE = '所在村（区划代码）';
export const GUIDE_SHEET = '填写说明';
export const OPTIONS_SHEET = '选项';
/** The first data line of every sheet (line 1 is the header). */
export const FIRST_LINE = 2;

const FORMAT_ZH: Record<string, string> = {
  'cn-idcard': '18 位身份证号，末位 X 大写（小写 x 会自动改为大写）',
  'cn-mobile': '11 位手机号',
  date: '日期，格式 YYYY-MM-DD（如 2024-03-05）',
};

/** What the header note and the guide say about one column. */
export function describeColumn(c: FormColumn): string {
  const parts: string[] = [];
  parts.push(c.required ? '必填' : c.conditional ? '条件必填（满足条件时必填）' : '选填');
  if (c.format && FORMAT_ZH[c.format]) parts.push(FORMAT_ZH[c.format]!);
  else if (c.type === 'integer') parts.push('整数');
  else if (c.type === 'number') parts.push('数字');
  if (c.enum) parts.push(`${c.list ? '可多选，用“、”分隔' : '从下拉列表选择'}：${c.enum.map((o) => o.label).join('、')}`);
  if (c.help) parts.push(c.help);
  return parts.join('；');
}

export interface SheetSpec {
  sheet: FormSheet;
  /** Header titles in order, the row key (and region) first. */
  headers: string[];
}

/** Every sheet of the template with its headers (what the importer matches against). */
export function templateSheets(layout: FormLayout): SheetSpec[] {
  return [
    { sheet: layout.main, headers: [ROW_KEY_TITLE, REGION_TITLE, ...layout.main.columns.map((c) => c.titleZh)] },
    ...layout.members.map((m) => ({ sheet: m, headers: [ROW_KEY_TITLE, ...m.columns.map((c) => c.titleZh)] })),
  ];
}

const colName = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

// The full data pointer of a sheet's column (`/members/*/name` on a member sheet).
const columnPointer = (sheet: FormSheet, c: FormColumn) => (sheet.pointer ? `${sheet.pointer}/*${c.pointer}` : c.pointer);

/**
 * The template workbook as .xlsx bytes. `notes` adds a sentence to the note of the columns it
 * names by pointer (a linked programme's household columns, entry-match.ts).
 */
export async function buildTemplate(title: string, layout: FormLayout, limits: ImportLimits, notes: ReadonlyMap<string, string> = new Map()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = title;
  wb.created = new Date(0);
  const specs = templateSheets(layout);
  const sheets = specs.map((s) => wb.addWorksheet(s.sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] }));
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  let optionCol = 0;
  const validationRows = 1 + Math.min(limits.maxRows, 100_000);
  const describe = (sheet: FormSheet, c: FormColumn) => {
    const extra = notes.get(columnPointer(sheet, c));
    return extra ? `${describeColumn(c)}；${extra}` : describeColumn(c);
  };

  specs.forEach((spec, si) => {
    const ws = sheets[si]!;
    const columns: (FormColumn | 'key' | 'region')[] = si === 0 ? ['key', 'region', ...spec.sheet.columns] : ['key', ...spec.sheet.columns];
    const header = ws.getRow(1);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      const col = ws.getColumn(i + 1);
      cell.font = { bold: true, color: { argb: typeof c === 'object' && !c.required ? 'FF000000' : 'FFC00000' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.alignment = { vertical: 'middle', wrapText: true };
      if (c === 'key') {
        cell.value = ROW_KEY_TITLE;
        cell.note = si === 0 ? '必填：每行一个编号（如 1、2、3），成员表用它对应到本行' : `必填：所属“${specs[0]!.sheet.name}”表的行号`;
        col.width = 8;
        col.numFmt = '@';
        return;
      }
      if (c === 'region') {
        cell.value = REGION_TITLE;
        cell.note = '所在村的 12 位区划代码；不填则为导入时选择的地区（须为村）';
        col.width = 16;
        col.numFmt = '@';
        return;
      }
      cell.value = c.titleZh;
      cell.note = describe(spec.sheet, c);
      col.width = Math.max(10, Math.min(30, c.titleZh.length * 2 + 4));
      if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
      // ID numbers and phone numbers as text: Excel would turn 18 digits into 1.3E+17 and lose the last three.
      else if (c.type === 'string' || c.type === 'enum') col.numFmt = '@';
      if (c.enum && !c.list) {
        optionCol++;
        const letter = colName(optionCol);
        options.getCell(`${letter}1`).value = c.titleZh;
        c.enum.forEach((o, k) => { options.getCell(`${letter}${k + 2}`).value = o.label; });
        const range = `${colName(i + 1)}2:${colName(i + 1)}${validationRows}`;
        (ws as unknown as { dataValidations: { add(range: string, v: XL.DataValidation): void } }).dataValidations.add(range, {
          type: 'list', allowBlank: true, showErrorMessage: true,
          formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${c.enum.length + 1}`],
          errorTitle: c.titleZh, error: `请从列表中选择：${c.enum.map((o) => o.label).join('、').slice(0, 200)}`,
        });
      }
    });
    header.height = 30;
  });

  guide.columns = [{ header: '工作表', width: 14 }, { header: '列', width: 24 }, { header: '说明', width: 90 }];
  guide.getRow(1).font = { bold: true };
  guide.addRow(['', '', `${title}：每个“${specs[0]!.sheet.name}”行是一条记录；红色表头为必填列。最多 ${limits.maxRows} 行、${Math.round(limits.maxBytes / 1048576)} MB；不接受含宏或加密的工作簿，公式单元格按其计算结果导入。`]);
  for (const spec of specs) {
    const cols: FormColumn[] = spec.sheet.columns;
    guide.addRow([spec.sheet.name, ROW_KEY_TITLE, spec === specs[0] ? '每行一个编号' : `对应“${specs[0]!.sheet.name}”表的行号${spec.sheet.minItems ? `；每条记录至少 ${spec.sheet.minItems} 行` : ''}`]);
    if (spec === specs[0]) guide.addRow([spec.sheet.name, REGION_TITLE, '所在村的区划代码；不填则为导入时选择的地区']);
    for (const c of cols) guide.addRow([spec.sheet.name, c.titleZh, describe(spec.sheet, c)]);
  }
  guide.getColumn(3).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
