import { Migration } from '@mikro-orm/migrations';

/**
 * Member lines of an import staged on their own (`import_member`), inserted as they are read,
 * instead of being folded into their main row with one UPDATE per batch: each main row was
 * rewritten once more for its members, the largest single cost of reading a household file.
 * Checking and writing read a batch's members by row key and fold them in memory.
 */
export class Migration026ImportMembers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table import_member (
        job_id uuid not null references import_job(id) on delete cascade,
        -- The row key of the main-sheet line it belongs to (import_row.row_key).
        row_key text not null,
        -- The member list's JSON pointer (/members) and the line in its sheet.
        pointer text not null,
        line int not null,
        item jsonb not null,
        -- Problems of this line's cells: [{ sheet, line, column, pointer, message, messageEn }].
        problems jsonb null
      );
      create index import_member_key_index on import_member (job_id, row_key, pointer, line);
    `);
  }

  override async down(): Promise<void> {
    this.addSql('drop table import_member;');
  }
}
