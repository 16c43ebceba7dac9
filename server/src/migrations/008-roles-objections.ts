import { Migration } from '@mikro-orm/migrations';

/**
 * Roles as rows with a read scope, the roles each programme's workflows name, attachments tied to
 * a programme, and objections that pause a notice (receipt code, notice visit, open count).
 */
/**
 * (programme_id, role) for every role named by a non-draft version: state roles and transition
 * roles (an array of guarded alternatives is unwrapped by lax mode). Exported for a test that
 * compares it with what publishing records.
 */
export const PROGRAMME_ROLES_OF_VERSIONS = `
  select distinct v.programme_id, r.name as role
    from programme_version v
    cross join lateral (
      select jsonb_path_query(v.workflow, 'lax $.states.*.meta.roles[*]') #>> '{}' as name
      union
      select jsonb_path_query(v.workflow, 'lax $.states.*.on.*.meta.roles[*]') #>> '{}'
    ) named
    join role r on r.name = named.name
   where v.status <> 'draft'`;

export class Migration008RolesObjections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- The role catalogue. Built-in roles have no region; a county's own roles (a later step:
      -- defineRole/updateRole/retireRole) carry region_code/region_path and may be retired.
      -- read_scope: 'all' reads every case in the granted region's subtree; 'programmes' only the
      -- cases of programmes whose (published or pinned) workflows name the role (programme_role).
      create table role (
        name text primary key check (name ~ '^[a-z][a-z0-9_]{1,39}$'),
        zh text not null check (char_length(zh) between 1 and 50),
        en text not null check (char_length(en) between 1 and 100),
        region_code varchar(12) null references region(code),
        region_path text null,
        built_in boolean not null default false,
        read_scope text not null default 'programmes' check (read_scope in ('all', 'programmes')),
        created_at timestamptz not null default now(),
        retired_at timestamptz null,
        constraint role_region_check check ((region_code is null) = (region_path is null)),
        constraint role_built_in_check check (not (built_in and region_code is not null))
      );
      create index role_region_path_index on role (region_path text_pattern_ops) where region_path is not null;

      insert into role (name, zh, en, built_in, read_scope) values
        ('admin', '系统管理员', 'System administrator', true, 'all'),
        ('county_admin', '县级管理员', 'County administrator', true, 'all'),
        ('designer', '项目设计员', 'Programme designer', true, 'all'),
        ('county_office', '县级主管部门', 'County programme office', true, 'all'),
        ('township_reviewer', '乡镇审核员', 'Township reviewer', true, 'all'),
        ('village_committee', '村两委', 'Village committee', true, 'all'),
        ('work_team', '驻村工作队', 'Resident work team', true, 'all'),
        ('verifier', '核查组成员', 'Verification group member', true, 'programmes'),
        ('head_teacher', '班主任', 'Head teacher', true, 'programmes'),
        ('school_leader', '学校分管领导', 'School leader in charge', true, 'programmes'),
        ('principal', '校长', 'Principal', true, 'programmes'),
        ('housing_inspector', '住建验收员', 'Housing inspector', true, 'programmes'),
        ('finance_officer', '财政发放员', 'Finance officer', true, 'all');
      -- A role granted before the catalogue became a table and missing from it keeps today's reach.
      insert into role (name, zh, en, read_scope)
        select distinct g.role, g.role, g.role, 'all' from role_grant g
         where not exists (select 1 from role r where r.name = g.role) and g.role ~ '^[a-z][a-z0-9_]{1,39}$';
      alter table role_grant add constraint role_grant_role_fkey foreign key (role) references role(name);

      -- Roles named by any non-draft version of a programme (state roles and transition roles), kept
      -- at publish, never removed: cases stay pinned to old versions.
      create table programme_role (
        programme_id uuid not null references programme(id),
        role text not null references role(name),
        primary key (programme_id, role)
      );
      create index programme_role_role_index on programme_role (role, programme_id);
      insert into programme_role (programme_id, role) ${PROGRAMME_ROLES_OF_VERSIONS} on conflict do nothing;

      -- The programme an attachment was uploaded for (null: uploaded before, or without one). By key,
      -- like the read scope of an actor (programme keys are unique and never change).
      alter table attachment add column programme_key text null references programme(key);

      -- Objections pause a notice instead of moving the case. open_objections counts the open
      -- objections of the current notice visit; the timer does not end a notice while it is > 0.
      alter table application add column open_objections int not null default 0 check (open_objections >= 0);
      alter table objection add column receipt text null;
      alter table objection add column state_seq int null;
      create unique index objection_receipt_index on objection (receipt) where receipt is not null;
    `);
  }
}
