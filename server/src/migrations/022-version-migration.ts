import { Migration } from '@mikro-orm/migrations';

/**
 * Moving running cases to a newer programme version, and the designer's saved simulation paths.
 *
 * - `application_event.from_version` / `to_version`: a VERSION_MIGRATED history row names both
 *   version numbers (null on every other row).
 * - `application_running_version_index`: the dry run and the move list a version's running cases
 *   page by page, by reference.
 * - `programme_sample_path`: sample data and a path of steps a programme keeps as its own check,
 *   re-run by the simulator on later drafts (data, never code).
 */
export class Migration022VersionMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table application_event add column from_version integer null, add column to_version integer null;
      create index application_running_version_index on application (version_id, reference)
        where status in ('DRAFT', 'IN_REVIEW', 'UNDER_NOTICE');
      create table programme_sample_path (
        id uuid primary key,
        programme_id uuid not null references programme(id),
        name varchar(100) not null,
        data jsonb not null,
        steps jsonb not null,
        expect_state varchar(100) null,
        created_by uuid null,
        created_at timestamptz not null default now(),
        unique (programme_id, name)
      );
    `);
  }
}
