/**
 * Reads a pasted or uploaded table of new users: CSV (RFC 4180 quoting) or TSV (what a
 * spreadsheet puts on the clipboard), detected from the first line. Columns are username, name,
 * role, regionCode in that order, or in any order under a header row naming them (English or
 * Chinese). Blank lines are skipped; a byte-order mark is dropped.
 */
export interface UserRow {
  username: string;
  name: string;
  role: string;
  regionCode: string;
}

export const COLUMNS = ['username', 'name', 'role', 'regionCode'] as const;
type Column = (typeof COLUMNS)[number];

const HEADER_NAMES: Record<string, Column> = {
  username: 'username', 用户名: 'username', 账号: 'username',
  name: 'name', displayname: 'name', 姓名: 'name', 名称: 'name',
  role: 'role', 角色: 'role',
  regioncode: 'regionCode', region: 'regionCode', 地区代码: 'regionCode', 区划代码: 'regionCode', 地区: 'regionCode',
};

/** Splits one delimited text into rows of cells; quotes may hold the delimiter, quotes ("") and line breaks. */
export function splitTable(text: string, delimiter: ',' | '\t'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((x) => x.trim() !== ''));
}

/** The rows of a pasted table, in the order the server numbers them (/rows/0 is the first data row). */
export function parseUserTable(text: string): UserRow[] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const rows = splitTable(clean, firstLine.includes('\t') ? '\t' : ',');
  if (!rows.length) return [];
  const header = rows[0]!.map((h) => HEADER_NAMES[h.trim().toLowerCase().replace(/[\s_-]/g, '')]);
  const hasHeader = header.filter(Boolean).length >= 2;
  const order: (Column | undefined)[] = hasHeader ? header : [...COLUMNS];
  return (hasHeader ? rows.slice(1) : rows).map((cells) => {
    const row: UserRow = { username: '', name: '', role: '', regionCode: '' };
    order.forEach((col, i) => {
      if (col) row[col] = (cells[i] ?? '').trim();
    });
    return row;
  });
}
