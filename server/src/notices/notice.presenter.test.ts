import { describe, expect, it } from 'vitest';
import type { PublicField } from '../programmes/form-annotations.js';
import type { PinnedVersion } from '../applications/pinned-version.js';
import { maskContact, officeName, publicFieldValues, publicFieldsInFormOrder } from './notice.presenter.js';

describe('publicFieldValues', () => {
  const fields: PublicField[] = [
    { pointer: '/head/name', title: '户主姓名', mask: 'name' },
    { pointer: '/members/*/name', title: '成员', mask: 'name' },
    { pointer: '/riskFactors', title: '风险' },
    { pointer: '/insured', title: '参保' },
    { pointer: '/missing', title: '未填' },
  ];

  it('gives one title/value pair per field with a value, masked, lists joined', () => {
    const data = { head: { name: '张三明', phone: '13812345678' }, members: [{ name: '李四' }, { relation: '子' }, { name: '王小五' }], riskFactors: ['因病', '因学'], insured: true };
    expect(publicFieldValues(data, fields)).toEqual([
      { title: '户主姓名', value: '张*明' },
      { title: '成员', value: '李*、王*五' },
      { title: '风险', value: '因病、因学' },
      { title: '参保', value: '是' },
    ]);
  });
});

describe('publicFieldsInFormOrder', () => {
  it('follows ui:order level by level (jsonb keeps no key order); unlisted fields go last in their place', () => {
    const publicFields: PublicField[] = [
      { pointer: '/head/name', title: 'name' },
      { pointer: '/head/group', title: 'group' },
      { pointer: '/reason/category', title: 'category' },
      { pointer: '/head/idNumber', title: 'id' },
      { pointer: '/extra', title: 'extra' },
      { pointer: '/householdSize', title: 'size' },
    ];
    const uiSchema = { 'ui:order': ['head', 'householdSize', 'reason', '*'], head: { 'ui:order': ['name', 'idNumber', 'phone', 'group'] } };
    const pinned = { form: { publicFields }, uiSchema } as unknown as PinnedVersion;
    expect(publicFieldsInFormOrder(pinned).map((f) => f.title)).toEqual(['name', 'id', 'group', 'size', 'category', 'extra']);
  });
});

describe('maskContact and officeName', () => {
  it('masks a mobile number and hides anything else', () => {
    expect(maskContact('139 1234-5678')).toBe('139****5678');
    expect(maskContact('张三 东街村')).toBe('***');
    expect(maskContact(null)).toBeNull();
  });

  it('names the county office of the programme', () => {
    expect(officeName('顺平县', '农村最低生活保障')).toBe('顺平县 农村最低生活保障 经办机构');
  });
});
