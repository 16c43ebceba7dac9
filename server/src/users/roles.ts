/**
 * The built-in roles. The catalogue itself is the `role` table (migration 008 seeds these, with
 * their read scope); this list is what the workflow check accepts and titles grants with until
 * counties define their own roles. Granting a role on a region (which covers its whole subtree) is
 * all it takes to act. Titles are for the UI.
 */
export interface RoleInfo {
  name: string;
  zh: string;
  en: string;
}

export const ROLES: readonly RoleInfo[] = [
  { name: 'admin', zh: '系统管理员', en: 'System administrator' },
  { name: 'county_admin', zh: '县级管理员', en: 'County administrator' },
  { name: 'designer', zh: '项目设计员', en: 'Programme designer' },
  { name: 'county_office', zh: '县级主管部门', en: 'County programme office' },
  { name: 'township_reviewer', zh: '乡镇审核员', en: 'Township reviewer' },
  { name: 'village_committee', zh: '村两委', en: 'Village committee' },
  { name: 'work_team', zh: '驻村工作队', en: 'Resident work team' },
  { name: 'verifier', zh: '核查组成员', en: 'Verification group member' },
  { name: 'head_teacher', zh: '班主任', en: 'Head teacher' },
  { name: 'school_leader', zh: '学校分管领导', en: 'School leader in charge' },
  { name: 'principal', zh: '校长', en: 'Principal' },
  { name: 'housing_inspector', zh: '住建验收员', en: 'Housing inspector' },
  { name: 'finance_officer', zh: '财政发放员', en: 'Finance officer' },
];

export const ROLE_NAMES: ReadonlySet<string> = new Set(ROLES.map((r) => r.name));
