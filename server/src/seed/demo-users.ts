import { DEMO_COUNTY, DEMO_REGIONS, regionCodeByName } from './demo-regions.js';

/** The one published password of every demo account (README). Demo accounts are flagged `demo`. */
export const DEMO_PASSWORD = 'demo-2026-aid';

export interface SeedUser {
  username: string;
  displayName: string;
  grants: Array<[role: string, regionCode: string]>;
}

const township = (name: string) => regionCodeByName(name);

export const DEMO_USERS: SeedUser[] = [
  { username: 'admin', displayName: '系统管理员', grants: [['admin', '130000000000']] },
  { username: 'county_admin', displayName: '县管理员 赵志强', grants: [['county_admin', DEMO_COUNTY]] },
  { username: 'designer', displayName: '项目设计 孙丽', grants: [['designer', DEMO_COUNTY]] },
  { username: 'county_office', displayName: '县乡村振兴局 李国华', grants: [['county_office', DEMO_COUNTY]] },
  { username: 'finance', displayName: '县财政局 周敏', grants: [['finance_officer', DEMO_COUNTY]] },
  { username: 'inspector', displayName: '县住建局 吴建军', grants: [['housing_inspector', DEMO_COUNTY]] },
  { username: 'puyang_reviewer', displayName: '蒲阳镇审核 王芳', grants: [['township_reviewer', township('蒲阳镇')]] },
  { username: 'yaoshan_reviewer', displayName: '腰山镇审核 刘洋', grants: [['township_reviewer', township('腰山镇')]] },
  { username: 'dongjie_cadre', displayName: '东街村两委 陈红', grants: [['village_committee', regionCodeByName('东街村')]] },
  { username: 'wangge_cadre', displayName: '王各庄村两委 杨帆', grants: [['village_committee', regionCodeByName('王各庄村')]] },
  { username: 'dongjie_team', displayName: '东街村驻村工作队 郭强', grants: [['work_team', regionCodeByName('东街村')]] },
  ...[1, 2, 3, 4, 5].map((i) => ({
    username: `verifier${i}`,
    displayName: `蒲阳镇核查组 成员${i}`,
    grants: [['verifier', township('蒲阳镇')]] as Array<[string, string]>,
  })),
  { username: 'teacher', displayName: '职教中心班主任 马老师', grants: [['head_teacher', DEMO_COUNTY]] },
  { username: 'school_leader', displayName: '职教中心分管校领导 何主任', grants: [['school_leader', DEMO_COUNTY]] },
  { username: 'principal', displayName: '职教中心校长 冯校长', grants: [['principal', DEMO_COUNTY]] },
  // Every other village and township gets a generic account, so demo cases can live everywhere.
  ...DEMO_REGIONS.filter((r) => r.level === 'village' && !['东街村', '王各庄村'].includes(r.name)).map((r) => ({
    username: `cadre_${r.code}`,
    displayName: `${r.name}村两委`,
    grants: [['village_committee', r.code]] as Array<[string, string]>,
  })),
  ...DEMO_REGIONS.filter((r) => r.level === 'township' && !['蒲阳镇', '腰山镇'].includes(r.name)).map((r) => ({
    username: `reviewer_${r.code}`,
    displayName: `${r.name}审核员`,
    grants: [['township_reviewer', r.code]] as Array<[string, string]>,
  })),
];

/** The village committee account of a demo village. */
export function cadreOf(villageCode: string): string {
  return DEMO_USERS.find((u) => u.grants.some(([role, code]) => role === 'village_committee' && code === villageCode))!.username;
}

/** The township reviewer account covering a demo village. */
export function reviewerOf(villageCode: string): string {
  const township = villageCode.slice(0, 9) + '000';
  return DEMO_USERS.find((u) => u.grants.some(([role, code]) => role === 'township_reviewer' && code === township))!.username;
}
