import { Migration } from '@mikro-orm/migrations';

/** Regions, users, role grants and installation settings. */
export class Migration001Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table region (
        code varchar(12) primary key check (code ~ '^[0-9]{12}$'),
        name text not null,
        level text not null check (level in ('province','city','county','township','village')),
        parent_code varchar(12) null references region(code),
        path text not null
      );
      create index region_parent_code_index on region (parent_code);
      create index region_path_index on region (path text_pattern_ops);

      create table app_user (
        id uuid primary key,
        username text not null unique,
        display_name text not null,
        password_hash text not null,
        active boolean not null default true,
        demo boolean not null default false,
        created_at timestamptz not null default now()
      );

      create table role_grant (
        id uuid primary key,
        user_id uuid not null references app_user(id) on delete cascade,
        role text not null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        created_at timestamptz not null default now(),
        constraint role_grant_user_role_region_unique unique (user_id, role, region_code)
      );
      create index role_grant_user_index on role_grant (user_id);
      create index role_grant_role_path_index on role_grant (role, region_path text_pattern_ops);

      create table app_setting (key text primary key, value text not null);
    `);
  }
}
