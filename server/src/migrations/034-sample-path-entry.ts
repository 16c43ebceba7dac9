import { Migration } from '@mikro-orm/migrations';

/**
 * A saved sample path keeps the household its guards read (`$entry`, docs/designer.md,
 * "Simulation"), so a path through a rule on the household's status runs the same way on every
 * later draft. Null for a workflow with no such rule.
 */
export class Migration034SamplePathEntry extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table programme_sample_path add column entry jsonb null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table programme_sample_path drop column entry;');
  }
}
