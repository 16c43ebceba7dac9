import { Migration } from '@mikro-orm/migrations';

/**
 * How many valid rows of an import belong to a household of the register the programme names
 * (imports/entry-match.ts): the import page says how many cases will join households' files.
 */
export class Migration035ImportLinkedRows extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table import_job add column linked_rows int not null default 0;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table import_job drop column linked_rows;');
  }
}
