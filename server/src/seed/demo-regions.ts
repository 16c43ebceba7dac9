/**
 * The demo county: 河北省 › 保定市 › 顺平县 with four townships and sixteen villages. Codes follow
 * the 12-digit statistical division scheme (township = county + 3 digits, village = + 3 more);
 * village names are illustrative.
 */
export interface SeedRegion {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
}

export const DEMO_COUNTY = '130636000000';

const townships: Array<[string, string, string[]]> = [
  ['130636100000', '蒲阳镇', ['东街村', '西街村', '南关村', '北关村']],
  ['130636101000', '高于铺镇', ['高于铺村', '南于铺村', '大悲村', '东于家庄村']],
  ['130636102000', '腰山镇', ['腰山村', '王各庄村', '南腰山村', '北腰山村']],
  ['130636200000', '白云乡', ['白云村', '大水峪村', '小水峪村', '龙居村']],
];

export const DEMO_REGIONS: SeedRegion[] = [
  { code: '130000000000', name: '河北省', level: 'province', parentCode: null },
  { code: '130600000000', name: '保定市', level: 'city', parentCode: '130000000000' },
  { code: DEMO_COUNTY, name: '顺平县', level: 'county', parentCode: '130600000000' },
  ...townships.flatMap(([code, name, villages]) => [
    { code, name, level: 'township' as const, parentCode: DEMO_COUNTY },
    ...villages.map((v, i) => ({
      code: code.slice(0, 9) + String(201 + i).padStart(3, '0'),
      name: v,
      level: 'village' as const,
      parentCode: code,
    })),
  ]),
];

export const regionCodeByName = (name: string): string => {
  const r = DEMO_REGIONS.find((x) => x.name === name);
  if (!r) throw new Error(`no demo region ${name}`);
  return r.code;
};
