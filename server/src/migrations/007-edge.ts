import { Migration } from '@mikro-orm/migrations';

/**
 * The request edge (issue 10): createApplication's idempotency key, unique per filer, so a retry
 * after a lost response returns the first application; and an index for the per-user draft
 * volume check (open drafts by their filer).
 */
export class Migration007Edge extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table application add column idempotency_key varchar(100);
      create unique index application_idempotency_index on application (created_by, idempotency_key) where idempotency_key is not null;
      create index application_draft_owner_index on application (created_by) where status = 'DRAFT';
    `);
  }
}
