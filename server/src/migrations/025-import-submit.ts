import { Migration } from '@mikro-orm/migrations';

/**
 * "Submit on import": `import_job.submit` records that the commit also sends each imported case
 * through SUBMIT (chosen at commitImport, allowed by the workflow's `meta.import.submit`).
 */
export class Migration025ImportSubmit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table import_job add column submit boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table import_job drop column submit;`);
  }
}
