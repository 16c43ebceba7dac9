import { Migration } from '@mikro-orm/migrations';

/**
 * Registers (households and persons as configured data): definitions with immutable published
 * versions, entries, their append-only change log and the person index. Every list filter has an
 * index behind it (docs/registers.md, "Indexes").
 */
export class Migration010Registers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table register (
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
      create index register_region_path_index on register (region_path text_pattern_ops);

      create table register_version (
        id uuid primary key,
        register_id uuid not null references register(id),
        number int not null,
        status text not null default 'draft' check (status in ('draft','published','superseded')),
        schema jsonb not null,
        ui_schema jsonb null,
        -- keyFields, nameField, statusField, statuses, changeKinds, person fields, editingRoles
        settings jsonb not null,
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        published_at timestamptz null,
        constraint register_version_register_number_unique unique (register_id, number)
      );
      create unique index register_version_one_draft on register_version (register_id) where status = 'draft';
      create unique index register_version_one_published on register_version (register_id) where status = 'published';

      create function register_version_immutable() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if old.status <> 'draft' then raise exception 'register version % is published and cannot be deleted', old.id; end if;
          return old;
        end if;
        if old.status <> 'draft' and (new.schema is distinct from old.schema or new.ui_schema is distinct from old.ui_schema
            or new.settings is distinct from old.settings or new.number <> old.number or new.register_id <> old.register_id
            or new.status = 'draft') then
          raise exception 'register version % is published and cannot change', old.id;
        end if;
        return new;
      end $$;
      create trigger register_version_immutable before update or delete on register_version
        for each row execute function register_version_immutable();

      create table register_entry (
        id uuid primary key,
        register_id uuid not null references register(id),
        version_id uuid not null references register_version(id),
        region_code varchar(12) not null references region(code),
        region_path text not null,
        key text not null,
        name text not null,
        status text not null,
        data jsonb not null,
        version int not null default 1,
        created_by uuid null references app_user(id),
        created_at timestamptz not null,
        updated_by uuid null references app_user(id),
        updated_at timestamptz not null,
        constraint register_entry_key_unique unique (register_id, key)
      );
      -- Lists are ordered by (updated_at, id), newest change first, and keyset-paged. A region
      -- filter is an equality on the county, township or village segment of the path, so each
      -- scope reads one page of an index in list order (like migration 006 for applications).
      create index register_entry_updated_index on register_entry (register_id, updated_at desc, id desc);
      create index register_entry_county_index on register_entry (register_id, (split_part(region_path, '/', 3)), updated_at desc, id desc);
      create index register_entry_township_index on register_entry (register_id, (split_part(region_path, '/', 4)), updated_at desc, id desc);
      create index register_entry_village_index on register_entry (register_id, (split_part(region_path, '/', 5)), updated_at desc, id desc);
      create index register_entry_deep_region_index on register_entry (register_id, region_path text_pattern_ops);
      create index register_entry_status_index on register_entry (register_id, status, updated_at desc, id desc);
      create index register_entry_name_index on register_entry (register_id, name text_pattern_ops);
      -- Enum field filters are JSON containment (data @> '{"housingGrade":"D"}').
      create index register_entry_data_index on register_entry using gin (data jsonb_path_ops);

      create table register_change (
        id bigserial primary key,
        entry_id uuid not null references register_entry(id),
        seq int not null,
        at timestamptz not null,
        actor_id uuid null references app_user(id),
        actor_name text null,
        role text null,
        region_code varchar(12) null,
        kind text not null,
        -- [{ path, before, after }] with JSON pointers into the entry's data
        changes jsonb not null,
        comment text null,
        version_id uuid not null references register_version(id),
        application_id uuid null references application(id),
        application_reference text null,
        source_file text null,
        constraint register_change_seq_unique unique (entry_id, seq)
      );
      create index register_change_application_index on register_change (application_id) where application_id is not null;
      create function register_change_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'the register change log is append-only (% refused)', tg_op;
      end $$;
      create trigger register_change_append_only before update or delete on register_change
        for each row execute function register_change_append_only();
      create trigger register_change_no_truncate before truncate on register_change
        for each statement execute function register_change_append_only();

      -- Every ID number in every entry (head and members): one person, one entry per register.
      create table register_person (
        register_id uuid not null references register(id),
        id_number text not null,
        entry_id uuid not null references register_entry(id),
        role text not null check (role in ('head','member')),
        name text null,
        pointer text not null,
        primary key (register_id, id_number)
      );
      create index register_person_entry_index on register_person (entry_id);
      create index register_person_name_index on register_person (register_id, name text_pattern_ops);
      -- A masked ID number as printed on notices (1306**********1234): first four and last four.
      create index register_person_masked_index on register_person (register_id, (left(id_number, 4) || right(id_number, 4)));
    `);
  }
}
