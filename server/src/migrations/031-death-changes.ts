import { Migration } from '@mikro-orm/migrations';

/**
 * Changes by kind: the data-quality check "dead in one household, alive in another"
 * (quality/builtin-checks.ts) reads the changes of the kinds a register marks `death` — a few
 * rows among millions — without scanning the change log.
 */
export class Migration031DeathChanges extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index register_change_kind_index on register_change (kind);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index register_change_kind_index;');
  }
}
