import { Migration } from '@mikro-orm/migrations';

/**
 * Data-quality rules and their findings (疑点数据), docs/data-quality.md. A rule is data: a JSON
 * Logic assertion over one record (an application of a programme or an entry of a register) or an
 * aggregate comparison of two measures per village. Findings are one row per (check, record) while
 * open or dismissed; a run upserts what still fails and marks `fixed` what now passes. Runs are
 * recorded with their counts; schedules are rows (one per region) driven by a pg-boss job chain.
 */
export class Migration018Quality extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table quality_rule (
        id uuid primary key,
        key text not null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        kind text not null check (kind in ('record','aggregate')),
        target text not null check (target in ('application','entry')),
        -- programme key or register key
        source_key text not null,
        -- record rules: a JSON Logic assertion (truthy = the record is consistent)
        logic jsonb null,
        -- aggregate rules: { left: Measure, op, right: Measure }
        aggregate jsonb null,
        severity text not null check (severity in ('error','warning','info')),
        message_zh text not null,
        message_en text not null,
        fields jsonb not null default '[]',
        created_by uuid null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        retired_at timestamptz null
      );
      create unique index quality_rule_live_key on quality_rule (region_code, key) where retired_at is null;
      create index quality_rule_region_index on quality_rule (region_path text_pattern_ops) where retired_at is null;

      create table quality_finding (
        id uuid primary key,
        -- a rule id, or builtin:<name> for the cross-record checks
        check_key text not null,
        rule_id uuid null references quality_rule(id),
        record_kind text not null check (record_kind in ('application','entry','region')),
        -- the record's id (or the village's code for an aggregate rule)
        record_key text not null,
        record_label text null,
        source_key text null,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        severity text not null,
        message_zh text not null,
        message_en text not null,
        fields jsonb not null default '[]',
        detail jsonb null,
        status text not null default 'open' check (status in ('open','dismissed','fixed')),
        comment text null,
        dismissed_by uuid null references app_user(id),
        dismissed_at timestamptz null,
        first_seen_at timestamptz not null,
        last_seen_at timestamptz not null,
        fixed_at timestamptz null
      );
      -- One live finding per check and record: a run upserts on it.
      create unique index quality_finding_live on quality_finding (check_key, record_key) where status in ('open','dismissed');
      -- The worklist: region-scoped by path segment (as the entry lists), newest first.
      create index quality_finding_county_index on quality_finding ((split_part(region_path, '/', 3)), status, first_seen_at desc, id desc);
      create index quality_finding_township_index on quality_finding ((split_part(region_path, '/', 4)), status, first_seen_at desc, id desc);
      create index quality_finding_village_index on quality_finding ((split_part(region_path, '/', 5)), status, first_seen_at desc, id desc);
      create index quality_finding_region_index on quality_finding (region_path text_pattern_ops, status, first_seen_at desc, id desc);
      create index quality_finding_check_index on quality_finding (check_key, status);

      create table quality_run (
        id uuid primary key,
        region_code varchar(12) not null references region(code),
        region_path text not null,
        trigger text not null check (trigger in ('manual','schedule')),
        started_by uuid null references app_user(id),
        started_at timestamptz not null,
        finished_at timestamptz null,
        records_checked int not null default 0,
        findings_opened int not null default 0,
        findings_closed int not null default 0,
        truncated boolean not null default false,
        skipped jsonb not null default '[]'
      );
      create index quality_run_region_index on quality_run (region_path text_pattern_ops, started_at desc);

      -- The cross-register check joins persons on the ID number alone (the primary key leads with the register).
      create index register_person_id_number_index on register_person (id_number);

      create table quality_schedule (
        region_code varchar(12) primary key references region(code),
        region_path text not null,
        cron text not null,
        enabled boolean not null default true,
        next_run_at timestamptz null,
        updated_by uuid null references app_user(id),
        updated_at timestamptz not null default now()
      );
    `);
  }
}
