import { Migration } from '@mikro-orm/migrations';

/**
 * Due dates and recurring reviews (docs/workflow-format.md, "Due dates" and "Recurring reviews").
 * `due_at` is when the case's current step is due (null: no due date); the inbox sorts by it and
 * filters the overdue: one index for the overdue filter (partial: most cases have no due date) and
 * two in the inbox's due-date order for county and township grants.
 * `review_occurrence` counts the reviews opened in the current state visit and `review_open` says
 * whether the last one still waits for an answer; a firing review job advances the count only
 * from the value it expects, which is what makes each occurrence happen once.
 * `application_event.occurrence` ties a REVIEW_DUE row and the answer to their occurrence.
 */
export class Migration012DueDates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table application
        add column due_at timestamptz null,
        add column review_occurrence integer not null default 0,
        add column review_open boolean not null default false;
      create index application_due_index on application (due_at, id) where due_at is not null;
      -- The inbox in due-date order (myTasks orderBy DUE), like migration 006's task indexes: a
      -- county's or township's open cases read in the list's order, undated cases last.
      create index application_county_task_due_index on application ((split_part(region_path, '/', 3)), due_at asc nulls last, created_at desc, id desc)
        where status in ('IN_REVIEW', 'UNDER_NOTICE');
      create index application_township_task_due_index on application ((split_part(region_path, '/', 4)), due_at asc nulls last, created_at desc, id desc)
        where status in ('IN_REVIEW', 'UNDER_NOTICE');
      alter table application_event add column occurrence integer null;
    `);
  }
}
