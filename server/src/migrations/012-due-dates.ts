import { Migration } from '@mikro-orm/migrations';

/**
 * Due dates and recurring reviews (docs/workflow-format.md, "Due dates" and "Recurring reviews").
 * `due_at` is when the case's current step is due (null: no due date); the inbox sorts by it and
 * filters the overdue, so it has an index in that order, partial because most cases have none.
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
      alter table application_event add column occurrence integer null;
    `);
  }
}
