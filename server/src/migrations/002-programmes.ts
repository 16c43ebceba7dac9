import { Migration } from '@mikro-orm/migrations';

/** Programmes and their versions; published definitions are immutable in the database itself. */
export class Migration002Programmes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table programme (
        id uuid primary key,
        key text not null unique,
        name text not null,
        name_en text null,
        description text null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        status text not null default 'active' check (status in ('active','retired')),
        created_at timestamptz not null default now()
      );
      create index programme_region_path_index on programme (region_path text_pattern_ops);

      create table programme_version (
        id uuid primary key,
        programme_id uuid not null references programme(id),
        number int not null,
        status text not null default 'draft' check (status in ('draft','published','superseded','retired')),
        form_schema jsonb not null,
        ui_schema jsonb null,
        workflow jsonb not null,
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        published_at timestamptz null,
        constraint programme_version_programme_number_unique unique (programme_id, number)
      );
      -- At most one draft and one current (published) version per programme.
      create unique index programme_version_one_draft on programme_version (programme_id) where status = 'draft';
      create unique index programme_version_one_published on programme_version (programme_id) where status = 'published';

      create function programme_version_immutable() returns trigger language plpgsql as $$
      begin
        if old.status <> 'draft' and (new.form_schema is distinct from old.form_schema
            or new.ui_schema is distinct from old.ui_schema or new.workflow is distinct from old.workflow
            or new.number <> old.number or new.programme_id <> old.programme_id) then
          raise exception 'programme version % is published and cannot change', old.id;
        end if;
        return new;
      end $$;
      create trigger programme_version_immutable before update on programme_version
        for each row execute function programme_version_immutable();
      create function programme_version_no_delete() returns trigger language plpgsql as $$
      begin
        if old.status <> 'draft' then raise exception 'programme version % is published and cannot be deleted', old.id; end if;
        return old;
      end $$;
      create trigger programme_version_no_delete before delete on programme_version
        for each row execute function programme_version_no_delete();
    `);
  }
}
