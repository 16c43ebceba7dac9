import { Migration } from '@mikro-orm/migrations';

/**
 * Spreadsheet imports (docs/import-export.md): the import record and its staged rows. Rows are
 * staged in the database, not held in memory, so a 200,000-row file is validated and written in
 * bounded batches, and a restarted server resumes where the job stood (each batch records its rows
 * as written in the same transaction as the entities it wrote).
 */
export class Migration013Imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table import_job (
        id uuid primary key,
        owner_id uuid not null references app_user(id),
        target_kind text not null check (target_kind in ('programme','register')),
        target_key text not null,
        programme_version_id uuid null references programme_version(id),
        register_version_id uuid null references register_version(id),
        region_code varchar(12) not null references region(code),
        region_path text not null,
        file_name text not null,
        file_sha256 text not null,
        file_size int not null,
        file_type text not null check (file_type in ('xlsx','csv')),
        -- A client-given id: the same id from the same owner answers with the first import.
        client_import_id varchar(100) null,
        status text not null check (status in ('queued','validating','validated','committing','committed','failed','cancelled')),
        mode text null check (mode in ('ALL_OR_NOTHING','VALID_ROWS')),
        cancel_requested boolean not null default false,
        -- The process running the job and until when (renewed every batch): a job whose lease ran
        -- out while validating or committing lost its process and is taken up again.
        lease_owner text null,
        lease_until timestamptz null,
        total_rows int not null default 0,
        validated_rows int not null default 0,
        valid_rows int not null default 0,
        error_rows int not null default 0,
        problem_count int not null default 0,
        written_rows int not null default 0,
        skipped_rows int not null default 0,
        message text null,
        message_zh text null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        started_at timestamptz null,
        validated_at timestamptz null,
        commit_started_at timestamptz null,
        finished_at timestamptz null
      );
      create index import_job_owner_index on import_job (owner_id, created_at desc, id desc);
      create index import_job_region_index on import_job (region_path text_pattern_ops, created_at desc, id desc);
      create index import_job_running_index on import_job (lease_until) where status in ('queued','validating','committing');
      create unique index import_job_client_id_index on import_job (owner_id, client_import_id) where client_import_id is not null;

      -- One row per main-sheet line; members from the other sheets are folded into its data.
      create table import_row (
        job_id uuid not null references import_job(id) on delete cascade,
        row_no int not null,
        row_key text not null,
        region_code varchar(12) null,
        data jsonb not null,
        -- Sheet line numbers of each member array's elements: { "/members": [2, 3] }.
        member_lines jsonb not null default '{}',
        -- [{ sheet, line, column, pointer, message, messageEn }]
        problems jsonb null,
        status text not null default 'pending' check (status in ('pending','valid','invalid','written','unchanged')),
        entity_id uuid null,
        primary key (job_id, row_no)
      );
      create index import_row_problem_index on import_row (job_id, row_no) where problems is not null;
      create index import_row_key_index on import_row (job_id, row_key);
    `);
  }
}
