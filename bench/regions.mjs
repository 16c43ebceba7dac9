/**
 * The bench's province slice: 河北省 › 保定市 › the demo county 顺平县 plus four sibling counties,
 * 20 townships each and 15 villages per township (100 townships, 1,500 villages). Codes follow the
 * 12-digit scheme (township = county(6) + 3 digits + 000, village = township(9) + 3 digits); the
 * demo seed's own townships and villages are kept and topped up. Township and village names are
 * generated and illustrative.
 */
import { DEMO_REGIONS, DEMO_COUNTY } from '../dist/server/seed/demo-regions.js';
import { rng } from './rng.mjs';

export const CITY = '130600000000';
export const COUNTIES = [
  [DEMO_COUNTY, '顺平县'],
  ['130627000000', '唐县'],
  ['130631000000', '望都县'],
  ['130633000000', '易县'],
  ['130634000000', '曲阳县'],
];

const SYLLABLES = '东西南北大小上下前后高李王张刘马杨石龙白清安新和平顺兴旺福庄河山沟口屯营寨台堡桥坡岭泉水'.split('');
const TOWNSHIP_CODES = [...Array.from({ length: 14 }, (_, i) => 100 + i), ...Array.from({ length: 6 }, (_, i) => 200 + i)];

/**
 * The whole slice as rows { code, name, level, parentCode, path }, parents before children,
 * including the demo seed's regions (so paths are complete), each county's 20 townships and
 * each township's 15 villages.
 */
export function sliceRegions({ townshipsPerCounty = 20, villagesPerTownship = 15 } = {}) {
  const r = rng(20261123);
  const byCode = new Map(DEMO_REGIONS.map((x) => [x.code, { ...x }]));
  let usedNames = new Set();
  const name = (suffix) => {
    for (;;) {
      const n = r.pick(SYLLABLES) + r.pick(SYLLABLES) + suffix;
      if (!usedNames.has(n)) return usedNames.add(n), n;
    }
  };
  const out = [];
  const add = (x) => {
    if (!byCode.has(x.code)) byCode.set(x.code, x);
  };
  for (const [county, countyName] of COUNTIES) {
    add({ code: county, name: countyName, level: 'county', parentCode: CITY });
    // Names are unique within a county (as the demo's are); other counties may repeat them.
    usedNames = new Set(DEMO_REGIONS.filter((x) => x.code.startsWith(county.slice(0, 6))).map((x) => x.name));
    const existing = DEMO_REGIONS.filter((x) => x.level === 'township' && x.parentCode === county).map((x) => x.code);
    const codes = [...existing];
    for (const n of TOWNSHIP_CODES) {
      if (codes.length >= townshipsPerCounty) break;
      const code = `${county.slice(0, 6)}${n}000`;
      if (!codes.includes(code)) codes.push(code);
    }
    for (const t of codes.slice(0, townshipsPerCounty)) {
      add({ code: t, name: name(t.slice(6, 7) === '1' ? '镇' : '乡'), level: 'township', parentCode: county });
      for (let v = 0, made = 0; made < villagesPerTownship; v++) {
        const code = `${t.slice(0, 9)}${201 + v}`;
        made++;
        add({ code, name: name('村'), level: 'village', parentCode: t });
      }
    }
  }
  // Parents first, paths from the root.
  const paths = new Map();
  const order = ['province', 'city', 'county', 'township', 'village'];
  const all = [...byCode.values()].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || a.code.localeCompare(b.code));
  for (const x of all) {
    const path = (x.parentCode ? paths.get(x.parentCode) : '') + `${x.code}/`;
    paths.set(x.code, path);
    out.push({ ...x, path });
  }
  return out;
}
