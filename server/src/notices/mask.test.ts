import { describe, expect, it } from 'vitest';
import type { PublicField } from '../programmes/form-annotations.js';
import { FULLY_MASKED, maskValue, publicView, redactIdentifiers } from './mask.js';

describe('maskValue', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskValue('130636199001011234', 'idcard')).toBe('1306**********1234');
    expect(maskValue('11010519491231002X', 'idcard')).toBe('1101**********002X');
  });

  it('keeps the first character of a name, and the last from three on', () => {
    expect(maskValue('张三明', 'name')).toBe('张*明');
    expect(maskValue('张三', 'name')).toBe('张*');
    expect(maskValue('欧阳小明', 'name')).toBe('欧**明');
    expect(maskValue('买买提·艾力', 'name')).toBe('买****力');
    expect(maskValue('张', 'name')).toBe('*');
  });

  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskValue('13812345678', 'phone')).toBe('138****5678');
  });

  it('masks anything unexpected completely', () => {
    expect(maskValue('1306361990010112', 'idcard')).toBe(FULLY_MASKED);
    expect(maskValue('130636900101123', 'idcard')).toBe(FULLY_MASKED); // 15-digit old number
    expect(maskValue('010-12345678', 'phone')).toBe(FULLY_MASKED);
    expect(maskValue('130636199001011234', 'name')).toBe(FULLY_MASKED);
    expect(maskValue('', 'name')).toBe(FULLY_MASKED);
    expect(maskValue('张三明', 'email' as never)).toBe(FULLY_MASKED);
    expect(maskValue(12345 as never, 'name')).toBe(FULLY_MASKED);
  });
});

describe('publicView', () => {
  const fields: PublicField[] = [
    { pointer: '/head/name', title: '户主姓名', mask: 'name' },
    { pointer: '/head/idNumber', title: '身份证号', mask: 'idcard' },
    { pointer: '/head/group', title: '村民小组' },
    { pointer: '/householdSize', title: '家庭人口' },
    { pointer: '/riskFactors', title: '风险' },
    { pointer: '/members/*/name', title: '姓名', mask: 'name' },
    { pointer: '/members/*/relation', title: '关系' },
  ];
  const data = {
    head: { name: '张三明', idNumber: '130636196803150316', phone: '13812345678', group: '第三村民小组' },
    householdSize: 3,
    perCapitaIncome: 2860,
    riskFactors: ['因病', '因学'],
    bankCard: '6217000000000000011',
    members: [
      { name: '张三明', idNumber: '130636196803150316', relation: '户主' },
      { idNumber: '130636197008220420', relation: '配偶' },
      { name: '张小丽', idNumber: '130636200801140244' },
    ],
  };

  it('shows only the public fields, masked, nested as in the data', () => {
    expect(publicView(data, fields)).toEqual({
      head: { name: '张*明', idNumber: '1306**********0316', group: '第三村民小组' },
      householdSize: 3,
      riskFactors: ['因病', '因学'],
      members: [{ name: '张*明', relation: '户主' }, { relation: '配偶' }, { name: '张*丽' }],
    });
  });

  it('never leaks a field that is not listed', () => {
    const text = JSON.stringify(publicView(data, fields));
    for (const secret of ['13812345678', '6217000000000000011', '2860', '130636197008220420', '130636200801140244', '130636196803150316']) {
      expect(text).not.toContain(secret);
    }
  });

  it('drops a public field whose value is an object, even if the data was tampered with', () => {
    const tampered = { head: { group: { phone: '13812345678' } }, householdSize: [{ bankCard: '6217' }] };
    expect(publicView(tampered, fields)).toEqual({});
  });

  it('masks a non-string value in a masked field completely', () => {
    expect(publicView({ head: { name: 12345, idNumber: ['130636196803150316'] } }, fields)).toEqual({
      head: { name: FULLY_MASKED, idNumber: ['1306**********0316'] },
    });
  });

  it('copes with missing parts, non-object data and a __proto__ key', () => {
    expect(publicView(undefined, fields)).toEqual({});
    expect(publicView('x', fields)).toEqual({});
    expect(publicView({ members: 'x' }, fields)).toEqual({});
    const view = publicView(JSON.parse('{"__proto__": {"name": "x"}}'), [{ pointer: '/__proto__/name', title: 'x' }]);
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('never publishes the whole document', () => {
    expect(publicView(data, [{ pointer: '', title: 'all' }])).toEqual({});
  });
});

describe('identifiers in public output, whatever the schema says', () => {
  it('masks ID-like and mobile-like values of a field published without x-mask', () => {
    const fields: PublicField[] = [
      { pointer: '/idNumber', title: '身份证号' },
      { pointer: '/oldId', title: '旧身份证号' },
      { pointer: '/phone', title: '电话' },
      { pointer: '/phoneNumber', title: '电话（数字）' },
      { pointer: '/note', title: '说明' },
      { pointer: '/ids', title: '成员证件' },
      { pointer: '/amount', title: '金额' },
      { pointer: '/date', title: '日期' },
    ];
    const data = {
      idNumber: '130636196803150316',
      oldId: '130636680315031',
      phone: '13812345678',
      phoneNumber: 13812345678,
      note: '户主张三（身份证11010519491231002X，电话 13812345678）因病致贫',
      ids: ['130636197008220420', '第三组'],
      amount: 3000,
      date: '2026-11-20',
    };
    expect(publicView(data, fields)).toEqual({
      idNumber: '1306**********0316',
      oldId: '1306*******5031',
      phone: '138****5678',
      phoneNumber: '138****5678',
      note: '户主张三（身份证1101**********002X，电话 138****5678）因病致贫',
      ids: ['1306**********0420', '第三组'],
      amount: 3000,
      date: '2026-11-20',
    });
  });

  it('leaves ordinary numbers and references alone', () => {
    for (const text of ['130636-DIBAO-2026-000123', '3000', '2026-11-20', '第3村民小组', '12345678901234', '0312-1234567', '23812345678']) {
      expect(redactIdentifiers(text)).toBe(text);
    }
  });

  it('masks the longer digit runs of bank cards too', () => {
    expect(redactIdentifiers('6217000000000000011')).toBe('6217***********0011');
  });
});
