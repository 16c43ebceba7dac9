import { Migration } from '@mikro-orm/migrations';

/** Applications, their append-only history, unique-field claims and reference counters. */
export class Migration003Applications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table application (
        id uuid primary key,
        reference text not null unique,
        programme_id uuid not null references programme(id),
        programme_key text not null,
        version_id uuid not null references programme_version(id),
        region_code varchar(12) not null references region(code),
        region_path text not null,
        data jsonb not null,
        state text not null,
        snapshot jsonb not null,
        status text not null check (status in ('DRAFT','IN_REVIEW','UNDER_NOTICE','APPROVED','REJECTED','WITHDRAWN')),
        actor_roles text[] not null default '{}',
        applicant_name text null,
        version int not null default 1,
        state_seq int not null default 0,
        timer_jobs text[] not null default '{}',
        created_by uuid not null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        submitted_at timestamptz null,
        state_entered_at timestamptz not null default now(),
        notice_ends_at timestamptz null
      );
      -- Lists are region-scoped and ordered by (created_at, id) for keyset paging.
      create index application_region_created_index on application (region_path text_pattern_ops, created_at desc, id desc);
      create index application_programme_created_index on application (programme_key, created_at desc, id desc);
      create index application_state_index on application (programme_key, state);
      create index application_status_index on application (status, created_at desc);
      create index application_submitted_index on application (submitted_at);
      create index application_applicant_index on application (applicant_name text_pattern_ops);
      create index application_actor_roles_index on application using gin (actor_roles);
      -- The public board: cases under notice, by region.
      create index application_notice_index on application (region_path text_pattern_ops) where status = 'UNDER_NOTICE';

      create table application_event (
        id bigserial primary key,
        application_id uuid not null references application(id),
        seq int not null,
        at timestamptz not null default now(),
        actor_id uuid null references app_user(id),
        actor_name text null,
        role text null,
        region_code varchar(12) null,
        event text not null,
        from_state text null,
        to_state text not null,
        comment text null,
        patch jsonb null,
        constraint application_event_seq_unique unique (application_id, seq)
      );
      create function application_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'application history is append-only (% refused)', tg_op;
      end $$;
      create trigger application_event_append_only before update or delete on application_event
        for each row execute function application_event_append_only();
      create trigger application_event_no_truncate before truncate on application_event
        for each statement execute function application_event_append_only();

      -- x-unique fields: one claim per (programme, field, value) among active applications.
      create table application_unique (
        programme_id uuid not null references programme(id),
        pointer text not null,
        value text not null,
        application_id uuid not null references application(id),
        primary key (programme_id, pointer, value)
      );
      create index application_unique_application_index on application_unique (application_id);

      create table reference_counter (
        prefix text primary key,
        n int not null
      );
    `);
  }
}
