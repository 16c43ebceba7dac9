import { Migration } from '@mikro-orm/migrations';

/**
 * refuse_entry_write(): the one-statement commit of a transition with register effects
 * (registers/effect-statement.ts) calls it in its final SELECT when the application was written
 * but the household was not (changed since it was read) or a person is held by another entry.
 * The error fails the whole statement, so nothing is written, and the caller takes the
 * transactional path, which locks the entry and reports any refusal.
 */
export class Migration030EntryWriteRefused extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function refuse_entry_write() returns boolean language plpgsql as $$
      begin
        raise exception 'entry write refused' using errcode = 'P0001';
      end $$;
    `);
  }
}
