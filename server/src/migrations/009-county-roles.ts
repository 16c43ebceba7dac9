import { Migration } from '@mikro-orm/migrations';

/**
 * Roles are the county's data: a role's identity becomes (name, region) instead of its name, so
 * two counties may each define their own `village_doctor`. Grants and programme_role reference
 * the role row (role_id), not just the name. Users get a home region (administration lists are
 * scoped by it) and a token generation that disabling or resetting a password bumps, which ends
 * every token issued before at once (loadActor compares it on every request).
 */
export class Migration009CountyRoles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table role add column id uuid not null default gen_random_uuid();
      alter table role_grant add column role_id uuid null;
      update role_grant g set role_id = r.id from role r where r.name = g.role;
      alter table programme_role add column role_id uuid null;
      update programme_role pr set role_id = r.id from role r where r.name = pr.role;
      alter table role_grant drop constraint if exists role_grant_role_fkey;
      alter table programme_role drop constraint if exists programme_role_role_fkey;
      alter table role drop constraint role_pkey;
      alter table role add primary key (id);
      -- One role per name and region; built-in roles (no region) once each. Whether a name may be
      -- defined at a region (not shadowing a role visible there or defined below) is the service's check.
      create unique index role_identity_unique on role (name, coalesce(region_code, ''));
      alter table role_grant alter column role_id set not null;
      alter table role_grant add constraint role_grant_role_id_fkey foreign key (role_id) references role(id);
      create index role_grant_role_id_index on role_grant (role_id);
      alter table programme_role alter column role_id set not null;
      alter table programme_role add constraint programme_role_role_id_fkey foreign key (role_id) references role(id);
      create index programme_role_role_id_index on programme_role (role_id, programme_id);

      -- A grant written by name only (bulk loaders, older tools) gets the role visible at its
      -- region: a built-in one or one defined at the region or above. Unknown: refused, as the
      -- foreign key on the name refused it before.
      create function role_grant_resolve_role() returns trigger language plpgsql as $$
      begin
        if new.role_id is null then
          select r.id into new.role_id from role r
           where r.name = new.role and r.retired_at is null
             and (r.region_path is null or new.region_path like r.region_path || '%')
           order by r.region_path nulls first limit 1;
          if new.role_id is null then
            raise exception 'role % is not defined at region %', new.role, new.region_code using errcode = '23503';
          end if;
        end if;
        return new;
      end $$;
      create trigger role_grant_resolve_role before insert on role_grant
        for each row execute function role_grant_resolve_role();

      -- Users: home region (who may administer them, where lists find them) and token generation.
      alter table app_user add column region_code varchar(12) null references region(code);
      alter table app_user add column region_path text null;
      alter table app_user add column token_generation int not null default 0;
      alter table app_user add constraint app_user_region_check check ((region_code is null) = (region_path is null));
      update app_user u set region_code = g.region_code, region_path = g.region_path
        from (select distinct on (user_id) user_id, region_code, region_path from role_grant
               order by user_id, length(region_path), region_path) g
       where g.user_id = u.id;
      create index app_user_region_path_index on app_user (region_path text_pattern_ops, username);
      create index app_user_username_pattern_index on app_user (username text_pattern_ops);
      create index app_user_display_name_pattern_index on app_user (display_name text_pattern_ops);
      create index role_grant_region_path_index on role_grant (region_path text_pattern_ops, user_id);
    `);
  }
}
