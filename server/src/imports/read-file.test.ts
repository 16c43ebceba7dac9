import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from './exceljs.js';
import JSZip from 'jszip';
import { readLines } from './read-file.js';
import { parseDateText } from './cell-parse.js';

describe('readLines', () => {
  it('keeps Chinese text whole in a large streamed sheet (UTF-8 split across chunks)', async () => {
    const file = path.join(os.tmpdir(), `read-file-${process.pid}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet('数据');
    const rows = 4000;
    for (let i = 0; i < rows; i++) ws.addRow([String(i), `户主${i}号`, '一般户', '建档立卡户', '与户主关系：之子']).commit();
    ws.commit();
    await wb.commit();
    try {
      let n = 0;
      for await (const l of readLines(file, 'xlsx', '数据')) {
        expect(l.cells).toEqual([String(n), `户主${n}号`, '一般户', '建档立卡户', '与户主关系：之子']);
        n++;
      }
      expect(n).toBe(rows);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('refuses, in both languages, a workbook the streaming reader cannot place (workbook part after its sheets)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').addRow(['行号', '户主']);
    const original = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    // exceljs's reader reads a sheet at once when the relations and shared strings came first, and
    // then needs the workbook part it has not met yet: the TypeError of exceljs#962, every time.
    const reordered = new JSZip();
    const names = Object.keys(original.files).filter((n) => !original.files[n]!.dir);
    const order = [...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')), ...names.filter((n) => n.startsWith('xl/worksheets/')), 'xl/workbook.xml'];
    for (const n of order) reordered.file(n, await original.files[n]!.async('nodebuffer'));
    const file = path.join(os.tmpdir(), `read-file-order-${process.pid}.xlsx`);
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer' }));
    try {
      const read = async () => { for await (const l of readLines(file, 'xlsx', '数据')) void l; };
      await expect(read()).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('could not be read'), details: { subCode: 'NOT_A_WORKBOOK', messageZh: expect.stringContaining('另存为 .xlsx') } });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('reads RFC 4180 CSV with a byte-order mark, quotes and CRLF', async () => {
    const file = path.join(os.tmpdir(), `read-file-${process.pid}.csv`);
    fs.writeFileSync(file, '\uFEFF行号,姓名,备注\r\n1,"张三,李四","说""好""的"\r\n2,,\r\n');
    try {
      const lines = [];
      for await (const l of readLines(file, 'csv', '数据')) lines.push(l);
      expect(lines.map((l) => l.cells)).toEqual([['行号', '姓名', '备注'], ['1', '张三,李四', '说"好"的'], ['2', null, null]]);
      expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe('parseDateText', () => {
  it('reads the ways dates are typed', () => {
    for (const s of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '20240305', '2024-3-5 00:00:00']) expect(parseDateText(s)).toBe('2024-03-05');
    for (const s of ['2024-02-30', '5/3/2024', 'yesterday']) expect(parseDateText(s)).toBeUndefined();
  });
});
