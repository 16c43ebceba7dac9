import { Migration } from '@mikro-orm/migrations';

/**
 * Claims by ID number: the data-quality check "a case for a person recorded as dead"
 * (quality/builtin-checks.ts) looks up the few dead persons' ID numbers among every case's
 * `x-unique` claims. The primary key leads with the claim and its scope, so without this index the
 * lookup would read every claim.
 */
export class Migration033ClaimsByValue extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index application_unique_value_index on application_unique (value);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index application_unique_value_index;');
  }
}
