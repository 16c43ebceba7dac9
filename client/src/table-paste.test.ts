import { describe, expect, it } from 'vitest';
import { parseUserTable, splitTable } from './table-paste';

describe('parseUserTable', () => {
  it('reads TSV pasted from a spreadsheet, with a Chinese header in any order', () => {
    const text = '姓名\t用户名\t角色\t地区代码\r\n王大夫\tdoc_wang\tvillage_doctor\t130636100201\r\n\r\n李四\tli_si\tvillage_committee\t130636100202\r\n';
    expect(parseUserTable(text)).toEqual([
      { username: 'doc_wang', name: '王大夫', role: 'village_doctor', regionCode: '130636100201' },
      { username: 'li_si', name: '李四', role: 'village_committee', regionCode: '130636100202' },
    ]);
  });

  it('reads CSV without a header in the documented column order, quotes and BOM included', () => {
    expect(parseUserTable('\uFEFFdoc_wang,"王, 大夫",village_doctor,130636100201\nx,"say ""hi""",r,1')).toEqual([
      { username: 'doc_wang', name: '王, 大夫', role: 'village_doctor', regionCode: '130636100201' },
      { username: 'x', name: 'say "hi"', role: 'r', regionCode: '1' },
    ]);
  });

  it('keeps short rows (the server names the missing field) and skips blank lines', () => {
    expect(parseUserTable('username,name\n\nonly_user')).toEqual([{ username: 'only_user', name: '', role: '', regionCode: '' }]);
    expect(splitTable('a\tb\n\n\t\n', '\t')).toEqual([['a', 'b']]);
    expect(parseUserTable('')).toEqual([]);
  });
});
