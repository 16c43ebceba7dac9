import { Migration } from '@mikro-orm/migrations';

/**
 * An application may belong to a register entry (a household): chosen when filing, or created by
 * the workflow's effect. The index serves the household page ("every application of this entry").
 */
export class Migration016ApplicationEntry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table application add column entry_id uuid null references register_entry(id);
      create index application_entry_index on application (entry_id, created_at desc) where entry_id is not null;
    `);
  }
}
