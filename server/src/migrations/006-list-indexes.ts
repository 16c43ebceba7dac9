import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the lists at county scale (measured in docs/benchmarks.md, 1,000,000 cases).
 * A region filter is a prefix range on region_path, which an index cannot return in list order,
 * so a township's first page used to read and sort all of the township's cases. An equality on
 * the county or township segment of the path (application.countyCode / townshipCode) can: the
 * list reads one page of index entries, and the keyset cursor starts the scan at the right place.
 */
export class Migration006ListIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index application_county_created_index on application ((split_part(region_path, '/', 3)), created_at desc, id desc);
      create index application_township_created_index on application ((split_part(region_path, '/', 4)), created_at desc, id desc);
      -- Task inboxes (myTasks) only look at cases still in the workflow: small partial indexes.
      create index application_county_task_index on application ((split_part(region_path, '/', 3)), created_at desc, id desc)
        where status in ('IN_REVIEW', 'UNDER_NOTICE');
      create index application_township_task_index on application ((split_part(region_path, '/', 4)), created_at desc, id desc)
        where status in ('IN_REVIEW', 'UNDER_NOTICE');
      -- Province- and city-wide lists (administrators): newest first without a region filter.
      create index application_created_index on application (created_at desc, id desc);
      -- Statistics for the new expressions now, not at the next autovacuum: without them the
      -- planner guesses a handful of rows per township and combines bitmaps instead.
      analyze application;
    `);
  }
}
